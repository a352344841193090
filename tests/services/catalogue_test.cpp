#include <vpcsim/io/ip_ranges.hpp>
#include <vpcsim/services/catalogue.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace vpcsim::services::detail {
extern const std::string_view ip_ranges_json;  // the embedded data/aws-ip-ranges-s3-dynamodb.json
}  // namespace vpcsim::services::detail

using namespace vpcsim;
using namespace vpcsim::services;

namespace {

host_match matched(std::string_view host) {
  INFO(host);
  auto m = match_hostname(host);
  REQUIRE(m);
  return *m;
}

address4 ip(const char* text) { return *parse_address4(text); }

}  // namespace

TEST_CASE("the catalogue finds a service by short name or by full endpoint service name", "[services]") {
  REQUIRE(find_service("s3"));
  CHECK(find_service("s3")->short_name == "s3");
  CHECK(find_service("com.amazonaws.us-east-1.ecr.api")->short_name == "ecr.api");
  CHECK(find_service("com.amazonaws.eu-west-1.kinesis-streams")->iam_prefix == "kinesis");
  CHECK(find_service("no-such-service") == nullptr);
  CHECK(find_service("com.amazonaws.us-east-1.no-such-service") == nullptr);
  CHECK(find_service("ecr") == nullptr);  // a composite, not a service
}

TEST_CASE("the catalogue lists the services the simulator answers for, in name order", "[services]") {
  std::vector<std::string> names;
  for (const auto& s : all_services()) names.push_back(s.short_name);
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  for (const char* name : {"s3", "dynamodb", "ecr.api", "ecr.dkr", "logs", "sts", "ssm", "kms", "execute-api",
                           "cloudformation", "sagemaker.api", "codeartifact.api", "codeartifact.repositories"}) {
    INFO(name);
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
}

// IF-15: AWS's PrivateLink list, beyond S3, DynamoDB and ECR, with each service's private DNS name.
TEST_CASE("the catalogue gives services beyond S3, DynamoDB and ECR the private DNS name AWS documents (IF-15)",
          "[services]") {
  const std::vector<std::pair<std::string, std::string>> expected{
      {"cloudformation", "cloudformation.us-east-1.amazonaws.com"},
      {"sagemaker.api", "api.sagemaker.us-east-1.amazonaws.com"},
      {"sagemaker.runtime", "runtime.sagemaker.us-east-1.amazonaws.com"},
      {"codeartifact.api", "codeartifact.us-east-1.amazonaws.com"},
      {"codeartifact.repositories", "*.d.codeartifact.us-east-1.amazonaws.com"},
      {"events", "events.us-east-1.amazonaws.com"},
      {"states", "states.us-east-1.amazonaws.com"},
      {"athena", "athena.us-east-1.amazonaws.com"},
      {"glue", "glue.us-east-1.amazonaws.com"},
      {"kinesis-firehose", "firehose.us-east-1.amazonaws.com"},
      {"eks", "eks.us-east-1.amazonaws.com"},
      {"rds", "rds.us-east-1.amazonaws.com"},
      {"rds-data", "rds-data.us-east-1.amazonaws.com"},
      {"redshift", "redshift.us-east-1.amazonaws.com"},
      {"elasticmapreduce", "elasticmapreduce.us-east-1.amazonaws.com"},
      {"codebuild", "codebuild.us-east-1.amazonaws.com"},
      {"codecommit", "codecommit.us-east-1.amazonaws.com"},
      {"codedeploy", "codedeploy.us-east-1.amazonaws.com"},
      {"codepipeline", "codepipeline.us-east-1.amazonaws.com"},
      {"textract", "textract.us-east-1.amazonaws.com"},
      {"xray", "xray.us-east-1.amazonaws.com"},
      {"backup", "backup.us-east-1.amazonaws.com"},
      {"batch", "batch.us-east-1.amazonaws.com"},
      {"servicecatalog", "servicecatalog.us-east-1.amazonaws.com"},
      {"application-autoscaling", "application-autoscaling.us-east-1.amazonaws.com"},
  };
  REQUIRE(expected.size() >= 20);
  for (const auto& [name, host] : expected) {
    INFO(name);
    REQUIRE(find_service(name));
    CHECK(find_service("com.amazonaws.us-east-1." + name)->short_name == name);
    CHECK(default_hostname(name, "us-east-1") == host);
    CHECK_FALSE(find_service(name)->gateway_endpoint);
  }
  CHECK(default_hostname("sagemaker.api", "eu-west-1") == "api.sagemaker.eu-west-1.amazonaws.com");
}

TEST_CASE("the catalogue matches SageMaker and CodeArtifact hostnames to their multi-part services (IF-15)",
          "[services]") {
  CHECK(matched("api.sagemaker.eu-west-1.amazonaws.com").short_name == "sagemaker.api");
  CHECK(matched("runtime.sagemaker.eu-west-1.amazonaws.com").short_name == "sagemaker.runtime");
  CHECK(matched("codeartifact.eu-west-1.amazonaws.com").short_name == "codeartifact.api");
  // The repositories name carries the domain and its owner's account.
  auto repos = matched("my-domain-111122223333.d.codeartifact.eu-west-1.amazonaws.com");
  CHECK(repos.short_name == "codeartifact.repositories");
  CHECK(repos.region == "eu-west-1");
  CHECK_FALSE(match_hostname("d.codeartifact.eu-west-1.amazonaws.com"));
  CHECK_FALSE(match_hostname("sagemaker.eu-west-1.amazonaws.com"));
  CHECK(matched("vpce-0a1b2c3d4e5f60718-abcdefgh.api.sagemaker.us-east-1.vpce.amazonaws.com").short_name ==
        "sagemaker.api");
}

TEST_CASE("the catalogue's IAM prefixes for multi-part services name the service's actions", "[services]") {
  CHECK(default_action(*find_service("sagemaker.api")) == "sagemaker:*");
  CHECK(default_action(*find_service("sagemaker.runtime")) == "sagemaker:*");
  CHECK(default_action(*find_service("codeartifact.repositories")) == "codeartifact:*");
  CHECK(default_action(*find_service("kinesis-firehose")) == "firehose:*");
  CHECK(default_action(*find_service("cloudformation")) == "cloudformation:*");
}

TEST_CASE("the catalogue offers gateway endpoints only for S3 and DynamoDB (GW-1)", "[services]") {
  for (const auto& s : all_services()) {
    INFO(s.short_name);
    CHECK(s.gateway_endpoint == (s.short_name == "s3" || s.short_name == "dynamodb"));
    CHECK(s.interface_endpoint);
  }
  // DDBIF-2: DynamoDB private DNS is not confirmed, so it does not capture the default name.
  CHECK_FALSE(find_service("dynamodb")->private_dns_captures_default_name);
  CHECK(find_service("s3")->private_dns_captures_default_name);
}

TEST_CASE("the catalogue builds and splits endpoint service names", "[services]") {
  CHECK(endpoint_service_name("ecr.dkr", "us-east-2") == "com.amazonaws.us-east-2.ecr.dkr");
  auto parts = parse_endpoint_service_name("com.amazonaws.us-gov-west-1.ecr.api");
  REQUIRE(parts);
  CHECK(parts->region == "us-gov-west-1");
  CHECK(parts->short_name == "ecr.api");
  CHECK_FALSE(parse_endpoint_service_name("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"));
  CHECK_FALSE(parse_endpoint_service_name("com.amazonaws.us-east-1"));
  CHECK_FALSE(parse_endpoint_service_name("s3"));
}

TEST_CASE("the catalogue gives each service AWS's default Regional hostname", "[services]") {
  CHECK(default_hostname("s3", "us-east-1") == "s3.us-east-1.amazonaws.com");
  CHECK(default_hostname("dynamodb", "eu-west-1") == "dynamodb.eu-west-1.amazonaws.com");
  CHECK(default_hostname("ecr.api", "us-east-1") == "api.ecr.us-east-1.amazonaws.com");
  // ECR-1: the registry name carries the account.
  CHECK(default_hostname("ecr.dkr", "us-east-1", "111122223333") == "111122223333.dkr.ecr.us-east-1.amazonaws.com");
  CHECK(default_hostname("kinesis-streams", "us-east-1") == "kinesis.us-east-1.amazonaws.com");
  CHECK(default_hostname("monitoring", "us-east-1") == "monitoring.us-east-1.amazonaws.com");
  CHECK(default_hostname("execute-api", "us-east-1") == "*.execute-api.us-east-1.amazonaws.com");
  CHECK(default_hostname("ecs-agent", "us-east-1") == "ecs-a.us-east-1.amazonaws.com");
  CHECK(default_hostname("com.amazonaws.us-east-1.logs", "us-east-1") == "logs.us-east-1.amazonaws.com");
  CHECK(default_hostname("no-such-service", "us-east-1").empty());
}

TEST_CASE("the catalogue matches every default hostname back to its service and region", "[services]") {
  for (const auto& s : all_services()) {
    for (const char* region : {"us-east-1", "ap-southeast-2", "us-gov-west-1"}) {
      auto m = matched(default_hostname(s.short_name, region));
      CHECK(m.short_name == s.short_name);
      CHECK(m.region == region);
      CHECK(m.endpoint_id.empty());
    }
  }
}

TEST_CASE("the catalogue recognises S3 bucket, control and access point hostnames (GW-11, S3IF-3)", "[services]") {
  for (const char* host : {"s3.us-west-2.amazonaws.com", "my-bucket.s3.us-west-2.amazonaws.com",
                           "my.dotted.bucket.s3.us-west-2.amazonaws.com", "s3-control.us-west-2.amazonaws.com",
                           "111122223333.s3-control.us-west-2.amazonaws.com",
                           "ap-111122223333.s3-accesspoint.us-west-2.amazonaws.com",
                           "prod-us-west-2-starport-layer-bucket.s3.us-west-2.amazonaws.com"}) {
    auto m = matched(host);
    CHECK(m.short_name == "s3");
    CHECK(m.region == "us-west-2");
  }
  // ECR-10: layer downloads may use the legacy global name, which us-east-1 serves.
  auto global = matched("prod-us-east-1-starport-layer-bucket.s3.amazonaws.com");
  CHECK(global.short_name == "s3");
  CHECK(global.region == "us-east-1");
}

TEST_CASE("the catalogue recognises ECR registry and API hostnames (ECR-1)", "[services]") {
  CHECK(matched("111122223333.dkr.ecr.eu-central-1.amazonaws.com").short_name == "ecr.dkr");
  CHECK(matched("api.ecr.eu-central-1.amazonaws.com").short_name == "ecr.api");
  CHECK(matched("abc123defg.execute-api.eu-central-1.amazonaws.com").short_name == "execute-api");
  // The registry name needs its account label; the API name takes none.
  CHECK_FALSE(match_hostname("dkr.ecr.eu-central-1.amazonaws.com"));
  CHECK_FALSE(match_hostname("x.api.ecr.eu-central-1.amazonaws.com"));
}

TEST_CASE("the catalogue recognises endpoint-specific hostnames and names the endpoint (IF-10, S3IF-2)",
          "[services]") {
  auto regional = matched("vpce-0fe5b17a0707d6abc-29p5708s.ec2.us-east-1.vpce.amazonaws.com");
  CHECK(regional.short_name == "ec2");
  CHECK(regional.region == "us-east-1");
  CHECK(regional.endpoint_id == "vpce-0fe5b17a0707d6abc");

  CHECK(regional.zone.empty());

  auto zonal = matched("vpce-0fe5b17a0707d6abc-29p5708s-us-east-1a.ec2.us-east-1.vpce.amazonaws.com");
  CHECK(zonal.endpoint_id == "vpce-0fe5b17a0707d6abc");
  CHECK(zonal.zone == "us-east-1a");

  auto ecr = matched("vpce-0123456789abcdef0-abcdefgh.api.ecr.us-east-1.vpce.amazonaws.com");
  CHECK(ecr.short_name == "ecr.api");
  CHECK(ecr.endpoint_id == "vpce-0123456789abcdef0");

  for (const char* host : {"bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com",
                           "my-bucket.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com",
                           "vpce-logs-2024.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com",
                           "accesspoint.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com",
                           "control.vpce-1a2b3c4d-5e6f-us-east-1b.s3.us-east-1.vpce.amazonaws.com"}) {
    auto m = matched(host);
    CHECK(m.short_name == "s3");
    CHECK(m.endpoint_id == "vpce-1a2b3c4d");
  }
  // Only S3 names take a prefix, and only those three.
  CHECK_FALSE(match_hostname("bucket.vpce-1a2b3c4d-5e6f.logs.us-east-1.vpce.amazonaws.com"));
  CHECK_FALSE(match_hostname("www.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com"));
  // The label must be `vpce-<id>-<suffix>`, and a zonal name's zone must be in the region.
  CHECK_FALSE(match_hostname("vpce-1a2b3c4d.s3.us-east-1.vpce.amazonaws.com"));
  CHECK_FALSE(match_hostname("vpce-1a2b3c4d-5e6f-eu-west-1a.s3.us-east-1.vpce.amazonaws.com"));
}

TEST_CASE("an endpoint-specific name of any service splits into endpoint, zone, service part and prefix (IF-10)",
          "[services]") {
  auto e = parse_endpoint_specific_name("vpce-0a1b2c3d-4e5f6g7h-us-east-1b.some.new.service.us-east-1.vpce.amazonaws.com");
  REQUIRE(e);
  CHECK(e->endpoint_id == "vpce-0a1b2c3d");
  CHECK(e->region == "us-east-1");
  CHECK(e->zone == "us-east-1b");
  CHECK(e->service_part == "some.new.service");
  CHECK(e->prefix.empty());
  auto bucket = parse_endpoint_specific_name("My-Bucket.bucket.vpce-1a2b3c4d-5e6f.s3.us-east-1.vpce.amazonaws.com.");
  REQUIRE(bucket);
  CHECK(bucket->endpoint_id == "vpce-1a2b3c4d");
  CHECK(bucket->prefix == "my-bucket.bucket");
  CHECK(bucket->zone.empty());
  for (const char* host : {"cloudformation.us-east-1.amazonaws.com", "vpce-1a2b3c4d.s3.us-east-1.vpce.amazonaws.com",
                           "vpce-1a2b-5e6f.s3.not-a-region.vpce.amazonaws.com", "vpce-1a2b-5e6f.us-east-1.vpce.amazonaws.com"}) {
    INFO(host);
    CHECK_FALSE(parse_endpoint_specific_name(host));
  }
}

TEST_CASE("the catalogue matches hostnames case-insensitively and with a trailing dot", "[services]") {
  auto m = matched("My-Bucket.S3.US-EAST-1.AmazonAWS.com.");
  CHECK(m.short_name == "s3");
  CHECK(m.region == "us-east-1");
  CHECK(matched("VPCE-0ABC-DEF.Logs.eu-west-1.vpce.amazonaws.com.").endpoint_id == "vpce-0abc");
}

TEST_CASE("the catalogue matches no hostname outside its services", "[services]") {
  for (const char* host : {"example.com", "s3.us-east-1.amazonaws.com.evil.example", "foo.us-east-1.amazonaws.com",
                           "logs.amazonaws.com", "logs.not-a-region.amazonaws.com", "s3..us-east-1.amazonaws.com",
                           "vpce-0abc-def.nosuch.us-east-1.vpce.amazonaws.com", ""}) {
    INFO(host);
    CHECK_FALSE(match_hostname(host));
  }
}

TEST_CASE("published S3 and DynamoDB ranges come from AWS's ip-ranges data (GW-5)", "[services]") {
  auto s3 = published_ranges("s3", "us-east-1");
  REQUIRE_FALSE(s3.empty());
  CHECK(s3.longest_match(ip("52.216.12.34")) == cidr4::parse("52.216.0.0/15"));
  CHECK_FALSE(s3.contains(ip("52.94.0.1")));  // a DynamoDB block

  auto ddb = published_ranges("com.amazonaws.us-east-1.dynamodb", "us-east-1");
  CHECK(ddb.longest_match(ip("52.94.0.1")) == cidr4::parse("52.94.0.0/22"));

  CHECK_FALSE(published_ranges("s3", "eu-west-1").contains(ip("52.216.12.34")));  // GW-4: per region
  CHECK(published_ranges("logs", "us-east-1").empty());
  CHECK(published_ranges("s3", "xx-nowhere-1").empty());
}

TEST_CASE("representative S3 and DynamoDB addresses lie in the region's published ranges", "[services]") {
  // The largest us-east-1 S3 block is 52.216.0.0/15; DynamoDB's largest are /21s, the lowest first.
  CHECK(representative_address("s3", "us-east-1") == ip("52.216.0.1"));
  CHECK(representative_address("dynamodb", "us-east-1") == ip("52.119.224.1"));
  for (const char* region : {"eu-west-1", "ap-northeast-1", "sa-east-1"}) {
    INFO(region);
    CHECK(published_ranges("s3", region).contains(representative_address("s3", region)));
    CHECK(published_ranges("dynamodb", region).contains(representative_address("dynamodb", region)));
  }
}

TEST_CASE("representative addresses of other services lie outside every published S3 and DynamoDB range",
          "[services]") {
  const auto ranges = parse_ip_ranges(detail::ip_ranges_json);
  REQUIRE(ranges.size() > 100);
  for (const auto& s : all_services()) {
    if (s.gateway_endpoint) continue;
    const address4 a = representative_address(s.short_name, "us-east-1");
    CHECK(a == representative_address(s.short_name, "eu-west-1"));
    for (const auto& r : ranges) {
      INFO(s.short_name << " vs " << r.service << " " << r.region << " " << r.cidr.to_string());
      CHECK_FALSE(r.cidr.contains(a));
    }
  }
  // A region without published ranges falls back to the same public address.
  CHECK(representative_address("s3", "xx-nowhere-1") == representative_address("logs", "us-east-1"));
}

TEST_CASE("the catalogue expands an ecr image pull into its three legs (ECR-1, ECR-2, ECR-8)", "[services]") {
  auto legs = composite_legs("ecr", "eu-west-1");
  REQUIRE(legs.size() == 3);
  CHECK(legs[0].service == "ecr.api");
  CHECK(legs[0].action == "ecr:GetAuthorizationToken");
  CHECK(legs[0].resource == "*");
  CHECK(legs[1].service == "ecr.dkr");
  CHECK(legs[1].action == "ecr:BatchGetImage");
  CHECK(legs[1].resource == "*");
  CHECK(legs[2].service == "s3");
  CHECK(legs[2].action == "s3:GetObject");
  CHECK(legs[2].resource == "arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/*");
  CHECK(composite_legs("s3", "eu-west-1").empty());
  CHECK(composite_legs("ecr.api", "eu-west-1").empty());
}

TEST_CASE("the catalogue's default action is every action under the service's IAM prefix", "[services]") {
  CHECK(default_action(*find_service("s3")) == "s3:*");
  CHECK(default_action(*find_service("ecr.dkr")) == "ecr:*");
  CHECK(default_action(*find_service("ecr.api")) == "ecr:*");
  CHECK(default_action(*find_service("monitoring")) == "cloudwatch:*");
  CHECK(default_action(*find_service("kinesis-streams")) == "kinesis:*");
}

TEST_CASE("S3's dual-stack name is recognised by Region, and its IPv6 answer lies in S3's published IPv6 ranges (S3-DS, issue #22)",
          "[services][dns64]") {
  const auto m = vpcsim::services::match_dualstack_hostname("S3.DualStack.us-east-1.amazonaws.com.");
  REQUIRE(m);
  CHECK(m->short_name == "s3");
  CHECK(m->region == "us-east-1");
  CHECK_FALSE(vpcsim::services::match_dualstack_hostname("s3.dualstack.nowhere.amazonaws.com"));
  CHECK_FALSE(vpcsim::services::match_dualstack_hostname("s3.us-east-1.amazonaws.com"));
  CHECK(vpcsim::services::dualstack_hostname("s3", "eu-west-1") == "s3.dualstack.eu-west-1.amazonaws.com");
  CHECK(vpcsim::services::dualstack_hostname("dynamodb", "eu-west-1").empty());
  const auto ranges = vpcsim::services::published_ranges6("s3", "us-east-1");
  REQUIRE_FALSE(ranges.empty());
  const auto a = vpcsim::services::representative_address6("s3", "us-east-1");
  REQUIRE(a);
  CHECK(std::any_of(ranges.begin(), ranges.end(), [&](const vpcsim::cidr6& c) { return c.contains(*a); }));
  CHECK_FALSE(vpcsim::services::representative_address6("sts", "us-east-1"));
}
