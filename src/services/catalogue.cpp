#include <vpcsim/io/ip_ranges.hpp>
#include <vpcsim/services/catalogue.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <map>
#include <utility>

namespace vpcsim::services {

namespace detail {
// AWS's S3/DynamoDB ranges, embedded by CMake from data/aws-ip-ranges-s3-dynamodb.json.
extern const std::string_view ip_ranges_json;
}  // namespace detail

namespace {

/// What may stand before a service's name in a hostname.
enum class leading { none, account, one_label, any };

/// One service: the last part of its endpoint service name `com.amazonaws.REGION.X`, its default
/// Regional hostname `[LEADING.]HOST.REGION.amazonaws.com` (also the private DNS name of its interface
/// endpoints, IF-11a, and the service part of its endpoint-specific names, IF-10), its IAM prefix.
struct entry {
  std::string_view short_name;
  std::string_view host;
  leading before;
  std::string_view iam_prefix;
  std::string_view description;
};

// IF-15: services of AWS's list of services that integrate with PrivateLink, with the private DNS
// name AWS documents for each: the service's default Regional hostname unless noted.
constexpr entry entries[] = {
    {"apigateway", "apigateway", leading::none, "apigateway", "Amazon API Gateway (management API)"},
    {"appconfig", "appconfig", leading::none, "appconfig", "AWS AppConfig"},
    {"appconfigdata", "appconfigdata", leading::none, "appconfig", "AWS AppConfig Data"},
    {"application-autoscaling", "application-autoscaling", leading::none, "application-autoscaling",
     "Application Auto Scaling"},
    {"athena", "athena", leading::none, "athena", "Amazon Athena"},
    {"autoscaling", "autoscaling", leading::none, "autoscaling", "Amazon EC2 Auto Scaling"},
    {"backup", "backup", leading::none, "backup", "AWS Backup"},
    {"batch", "batch", leading::none, "batch", "AWS Batch"},
    {"cloudformation", "cloudformation", leading::none, "cloudformation", "AWS CloudFormation"},
    {"cloudhsmv2", "cloudhsmv2", leading::none, "cloudhsm", "AWS CloudHSM"},
    {"cloudtrail", "cloudtrail", leading::none, "cloudtrail", "AWS CloudTrail"},
    // IF-15: the CodeArtifact API answers on `codeartifact.REGION`, its repositories on
    // `DOMAIN-OWNER.d.codeartifact.REGION` (that endpoint needs private DNS).
    {"codeartifact.api", "codeartifact", leading::none, "codeartifact", "AWS CodeArtifact API"},
    {"codeartifact.repositories", "d.codeartifact", leading::one_label, "codeartifact",
     "AWS CodeArtifact repositories (package managers)"},
    {"codebuild", "codebuild", leading::none, "codebuild", "AWS CodeBuild"},
    {"codecommit", "codecommit", leading::none, "codecommit", "AWS CodeCommit API"},
    {"codedeploy", "codedeploy", leading::none, "codedeploy", "AWS CodeDeploy"},
    {"codepipeline", "codepipeline", leading::none, "codepipeline", "AWS CodePipeline"},
    {"comprehend", "comprehend", leading::none, "comprehend", "Amazon Comprehend"},
    {"config", "config", leading::none, "config", "AWS Config"},
    {"datasync", "datasync", leading::none, "datasync", "AWS DataSync"},
    {"dms", "dms", leading::none, "dms", "AWS Database Migration Service"},
    {"dynamodb", "dynamodb", leading::none, "dynamodb", "Amazon DynamoDB"},
    {"ebs", "ebs", leading::none, "ebs", "Amazon EBS direct APIs"},
    {"ec2", "ec2", leading::none, "ec2", "Amazon EC2 API"},
    {"ec2messages", "ec2messages", leading::none, "ec2messages", "Systems Manager agent messages"},
    // ECR-1: both ECR endpoints take `ecr:` actions; the registry name carries the account.
    {"ecr.api", "api.ecr", leading::none, "ecr", "Amazon ECR API"},
    {"ecr.dkr", "dkr.ecr", leading::account, "ecr", "Amazon ECR Docker registry"},
    {"ecs", "ecs", leading::none, "ecs", "Amazon ECS API"},
    {"ecs-agent", "ecs-a", leading::none, "ecs", "Amazon ECS container agent"},
    {"ecs-telemetry", "ecs-t", leading::none, "ecs", "Amazon ECS container agent telemetry"},
    {"eks", "eks", leading::none, "eks", "Amazon EKS API"},
    {"elasticache", "elasticache", leading::none, "elasticache", "Amazon ElastiCache API"},
    {"elasticbeanstalk", "elasticbeanstalk", leading::none, "elasticbeanstalk", "AWS Elastic Beanstalk"},
    {"elasticfilesystem", "elasticfilesystem", leading::none, "elasticfilesystem", "Amazon EFS API"},
    {"elasticloadbalancing", "elasticloadbalancing", leading::none, "elasticloadbalancing",
     "Elastic Load Balancing API"},
    {"elasticmapreduce", "elasticmapreduce", leading::none, "elasticmapreduce", "Amazon EMR"},
    {"emr-containers", "emr-containers", leading::none, "emr-containers", "Amazon EMR on EKS"},
    {"events", "events", leading::none, "events", "Amazon EventBridge"},
    // API-ID.execute-api.REGION.amazonaws.com
    {"execute-api", "execute-api", leading::one_label, "execute-api", "Amazon API Gateway (invoking APIs)"},
    {"fsx", "fsx", leading::none, "fsx", "Amazon FSx"},
    {"glue", "glue", leading::none, "glue", "AWS Glue"},
    {"kinesis-firehose", "firehose", leading::none, "firehose", "Amazon Data Firehose"},
    {"kinesis-streams", "kinesis", leading::none, "kinesis", "Amazon Kinesis Data Streams"},
    {"kms", "kms", leading::none, "kms", "AWS Key Management Service"},
    {"lambda", "lambda", leading::none, "lambda", "AWS Lambda"},
    {"license-manager", "license-manager", leading::none, "license-manager", "AWS License Manager"},
    {"logs", "logs", leading::none, "logs", "Amazon CloudWatch Logs"},
    {"macie2", "macie2", leading::none, "macie2", "Amazon Macie"},
    {"monitoring", "monitoring", leading::none, "cloudwatch", "Amazon CloudWatch metrics"},
    {"rds", "rds", leading::none, "rds", "Amazon RDS API"},
    {"rds-data", "rds-data", leading::none, "rds-data", "Amazon RDS Data API"},
    {"redshift", "redshift", leading::none, "redshift", "Amazon Redshift API"},
    {"rekognition", "rekognition", leading::none, "rekognition", "Amazon Rekognition"},
    {"s3", "s3", leading::any, "s3", "Amazon S3"},  // BUCKET.s3.REGION.amazonaws.com (GW-11)
    // IF-15: SageMaker's names put the part first: api.sagemaker, runtime.sagemaker.
    {"sagemaker.api", "api.sagemaker", leading::none, "sagemaker", "Amazon SageMaker API"},
    {"sagemaker.runtime", "runtime.sagemaker", leading::none, "sagemaker", "Amazon SageMaker Runtime"},
    {"secretsmanager", "secretsmanager", leading::none, "secretsmanager", "AWS Secrets Manager"},
    {"securityhub", "securityhub", leading::none, "securityhub", "AWS Security Hub"},
    {"servicecatalog", "servicecatalog", leading::none, "servicecatalog", "AWS Service Catalog"},
    {"servicediscovery", "servicediscovery", leading::none, "servicediscovery", "AWS Cloud Map"},
    {"sns", "sns", leading::none, "sns", "Amazon SNS"},
    {"sqs", "sqs", leading::none, "sqs", "Amazon SQS"},
    {"ssm", "ssm", leading::none, "ssm", "AWS Systems Manager"},
    {"ssmmessages", "ssmmessages", leading::none, "ssmmessages", "Systems Manager Session Manager channels"},
    {"states", "states", leading::none, "states", "AWS Step Functions"},
    {"storagegateway", "storagegateway", leading::none, "storagegateway", "AWS Storage Gateway"},
    {"sts", "sts", leading::none, "sts", "AWS Security Token Service"},
    {"synthetics", "synthetics", leading::none, "synthetics", "Amazon CloudWatch Synthetics"},
    {"textract", "textract", leading::none, "textract", "Amazon Textract"},
    {"transcribe", "transcribe", leading::none, "transcribe", "Amazon Transcribe"},
    {"transfer", "transfer", leading::none, "transfer", "AWS Transfer Family API"},
    {"translate", "translate", leading::none, "translate", "Amazon Translate"},
    {"workspaces", "workspaces", leading::none, "workspaces", "Amazon WorkSpaces API"},
    {"xray", "xray", leading::none, "xray", "AWS X-Ray"},
};

std::vector<service_info> build_services() {
  std::vector<service_info> v;
  for (const auto& e : entries) {
    service_info s;
    s.short_name = std::string(e.short_name);
    s.iam_prefix = std::string(e.iam_prefix);
    s.description = std::string(e.description);
    // GW-1: only S3 and DynamoDB offer gateway endpoints; both offer interface endpoints too
    // (S3IF-1, DDBIF-1).
    s.gateway_endpoint = e.short_name == "s3" || e.short_name == "dynamodb";
    // DDBIF-2: private DNS for DynamoDB interface endpoints is not confirmed.
    s.private_dns_captures_default_name = e.short_name != "dynamodb";
    v.push_back(std::move(s));
  }
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.short_name < b.short_name; });
  return v;
}

/// A hostname form `[LEADING.]NAME.REGION.amazonaws.com` that a service answers on. A service's
/// first form is its default name.
struct host_form {
  std::string_view short_name;
  std::string_view name;
  leading before;
};

// S3's other Regional names (S3IF-3): ACCOUNT.s3-control.REGION, NAME-ACCOUNT.s3-accesspoint.REGION.
constexpr host_form extra_forms[] = {
    {"s3", "s3-control", leading::any},
    {"s3", "s3-accesspoint", leading::any},
};

/// Every hostname form: each service's default name, then the extra forms.
const std::vector<host_form>& host_forms() {
  static const std::vector<host_form> forms = [] {
    std::vector<host_form> f;
    for (const auto& e : entries) f.push_back({e.short_name, e.host, e.before});
    f.insert(f.end(), std::begin(extra_forms), std::end(extra_forms));
    return f;
  }();
  return forms;
}

const host_form* default_form(std::string_view short_name) {
  for (const auto& f : host_forms())
    if (f.short_name == short_name) return &f;
  return nullptr;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    auto end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

/// Whether `s` is non-empty and every character passes `pred` (called with an unsigned char).
template <class Pred>
bool every(std::string_view s, Pred pred) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}
const auto is_digit = [](unsigned char c) { return std::isdigit(c); };
const auto is_lower = [](unsigned char c) { return std::islower(c); };
const auto is_alnum = [](unsigned char c) { return std::isalnum(c); };

// Region codes are lowercase words and a number: `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`.
bool is_region(std::string_view s) {
  auto parts = split(s, '-');
  if (parts.size() < 3 || !every(parts.back(), is_digit)) return false;
  return std::all_of(parts.begin(), parts.end() - 1, [](std::string_view p) { return every(p, is_lower); });
}

std::string join(const std::vector<std::string_view>& labels, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += '.';
    out += labels[i];
  }
  return out;
}

bool ends_with(const std::vector<std::string_view>& labels, std::initializer_list<std::string_view> tail) {
  if (labels.size() < tail.size()) return false;
  return std::equal(tail.begin(), tail.end(), labels.end() - static_cast<std::ptrdiff_t>(tail.size()));
}

// `vpce-<id>-<suffix>[-<az>]` (IF-10): `vpce-<id>` and the zone, or an empty id when the label is not
// one.
std::pair<std::string, std::string> endpoint_label(std::string_view label, std::string_view region) {
  if (!label.starts_with("vpce-")) return {};
  auto rest = label.substr(5);
  auto dash = rest.find('-');
  if (dash == std::string_view::npos) return {};
  auto id = rest.substr(0, dash);
  auto after = rest.substr(dash + 1);
  auto dash2 = after.find('-');
  auto suffix = after.substr(0, dash2);
  if (!every(id, is_alnum) || !every(suffix, is_alnum)) return {};
  std::string zone;
  if (dash2 != std::string_view::npos) {
    // Zonal names end with the availability zone: `-us-east-1a`.
    auto az = after.substr(dash2 + 1);
    if (!az.starts_with(region) || az.size() == region.size()) return {};
    zone = std::string(az);
  }
  return {"vpce-" + std::string(id), std::move(zone)};
}

// `[PREFIX.]vpce-…-…[-AZ].PART.REGION.vpce.amazonaws.com` (IF-10), whatever the service.
std::optional<endpoint_specific_name> parse_endpoint_specific(const std::vector<std::string_view>& labels) {
  const std::size_t n = labels.size();
  if (n < 6 || !ends_with(labels, {"vpce", "amazonaws", "com"})) return std::nullopt;
  const std::string region(labels[n - 4]);
  if (!is_region(region)) return std::nullopt;
  // The endpoint label is the last `vpce-` label before the service part (a bucket name before
  // it may start with `vpce-` too).
  std::size_t k = n - 6;
  while (k > 0 && !labels[k].starts_with("vpce-")) --k;
  auto [id, zone] = endpoint_label(labels[k], region);
  if (id.empty()) return std::nullopt;
  return endpoint_specific_name{std::move(id), region, std::move(zone), join(labels, k + 1, n - 4), join(labels, 0, k)};
}

// An endpoint-specific name of a catalogued service (IF-10, S3IF-2).
std::optional<host_match> match_endpoint_specific(const std::vector<std::string_view>& labels) {
  auto name = parse_endpoint_specific(labels);
  if (!name) return std::nullopt;
  const auto& forms = host_forms();
  const auto form =
      std::find_if(forms.begin(), forms.end(), [&](const host_form& f) { return f.name == name->service_part; });
  if (form == forms.end()) return std::nullopt;
  if (!name->prefix.empty()) {
    // S3IF-2: S3 names take a `bucket.`, `accesspoint.` or `control.` prefix (with the bucket or
    // access point name before it); other services take none.
    const auto dot = name->prefix.rfind('.');
    const std::string_view p = std::string_view(name->prefix).substr(dot == std::string::npos ? 0 : dot + 1);
    if (form->short_name != "s3" || (p != "bucket" && p != "accesspoint" && p != "control")) return std::nullopt;
  }
  return host_match{std::string(form->short_name), name->region, name->endpoint_id, name->zone};
}

// `[LEADING.]NAME.REGION.amazonaws.com`.
std::optional<host_match> match_default(const std::vector<std::string_view>& labels) {
  const std::size_t n = labels.size() - 2;  // without `amazonaws.com`
  // The legacy global S3 endpoint `[BUCKET.]s3.amazonaws.com` is served from us-east-1; ECR-10's
  // layer downloads use it (`prod-us-east-1-starport-layer-bucket.s3.amazonaws.com`).
  if (n >= 1 && labels[n - 1] == "s3") return host_match{"s3", "us-east-1", "", ""};
  if (n < 2 || !is_region(labels[n - 1])) return std::nullopt;
  const std::size_t name_end = n - 1;
  for (const auto& f : host_forms()) {
    auto name = split(f.name, '.');
    if (name.size() > name_end) continue;
    const std::size_t lead = name_end - name.size();
    if (!std::equal(name.begin(), name.end(), labels.begin() + static_cast<std::ptrdiff_t>(lead))) continue;
    const bool lead_ok = f.before == leading::any || (f.before == leading::none ? lead == 0 : lead == 1);
    if (lead_ok) return host_match{std::string(f.short_name), std::string(labels[n - 1]), "", ""};
  }
  return std::nullopt;
}

using range_table = std::map<std::pair<std::string, std::string>, prefix_set>;  // (SERVICE, region)

const range_table& ranges() {
  // Parsed once; a function-local static is initialised exactly once even across threads.
  static const range_table table = [] {
    range_table t;
    for (const auto& r : parse_ip_ranges(detail::ip_ranges_json, "data/aws-ip-ranges-s3-dynamodb.json (embedded)"))
      t[{r.service, r.region}].insert(r.cidr);
    return t;
  }();
  return table;
}

using range_table6 = std::map<std::pair<std::string, std::string>, std::vector<cidr6>>;  // (SERVICE, region)

const range_table6& ranges6() {
  static const range_table6 table = [] {
    range_table6 t;
    for (const auto& r : parse_ip_ranges6(detail::ip_ranges_json, "data/aws-ip-ranges-s3-dynamodb.json (embedded)"))
      t[{r.service, r.region}].push_back(r.cidr);
    for (auto& [key, blocks] : t) {  // in address order, whatever the file's
      std::sort(blocks.begin(), blocks.end(), [](const cidr6& a, const cidr6& b) {
        return a.first_uint() != b.first_uint() ? a.first_uint() < b.first_uint() : a.prefix_length() < b.prefix_length();
      });
      blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
    }
    return t;
  }();
  return table;
}

// Any service without published ranges answers, for routing purposes, on a public address that is
// in no S3/DynamoDB range (data/README.md). 198.51.100.10 is in TEST-NET-2 (RFC 5737): reserved by
// IANA, so it is no AWS range now or after a data refresh, yet it is neither RFC 1918 nor RFC 6598
// space, so a VPC routes it like any public address (0.0.0.0/0 to an IGW or NAT gateway).
constexpr std::uint32_t other_service_address = (198u << 24) | (51u << 16) | (100u << 8) | 10u;

}  // namespace

const std::vector<service_info>& all_services() {
  static const std::vector<service_info> services = build_services();
  return services;
}

const service_info* find_service(std::string_view name) {
  std::string key = lower(name);
  if (auto parts = parse_endpoint_service_name(key)) key = parts->short_name;
  for (const auto& s : all_services())
    if (s.short_name == key) return &s;
  return nullptr;
}

std::string endpoint_service_name(std::string_view short_name, std::string_view region) {
  return "com.amazonaws." + std::string(region) + "." + std::string(short_name);
}

std::optional<service_name_parts> parse_endpoint_service_name(std::string_view full) {
  constexpr std::string_view prefix = "com.amazonaws.";
  if (!full.starts_with(prefix)) return std::nullopt;
  auto rest = full.substr(prefix.size());
  auto dot = rest.find('.');
  if (dot == std::string_view::npos || dot + 1 == rest.size()) return std::nullopt;
  // Names like `com.amazonaws.vpce.us-east-1.vpce-svc-…` (endpoint services) have no region here.
  if (!is_region(rest.substr(0, dot))) return std::nullopt;
  return service_name_parts{std::string(rest.substr(0, dot)), std::string(rest.substr(dot + 1))};
}

std::string default_hostname(std::string_view short_name, std::string_view region, std::string_view account) {
  const service_info* s = find_service(short_name);
  const host_form* f = s ? default_form(s->short_name) : nullptr;
  if (!f) return {};
  std::string host;
  if (f->before == leading::account) host = std::string(account) + ".";
  if (f->before == leading::one_label) host = "*.";
  return host + std::string(f->name) + "." + std::string(region) + ".amazonaws.com";
}

std::optional<host_match> match_hostname(std::string_view host) {
  std::string h = lower(host);
  if (!h.empty() && h.back() == '.') h.pop_back();  // a fully qualified name
  auto labels = split(h, '.');
  if (std::any_of(labels.begin(), labels.end(), [](std::string_view l) { return l.empty(); })) return std::nullopt;
  if (ends_with(labels, {"vpce", "amazonaws", "com"})) return match_endpoint_specific(labels);
  if (ends_with(labels, {"amazonaws", "com"})) return match_default(labels);
  return std::nullopt;
}

std::optional<endpoint_specific_name> parse_endpoint_specific_name(std::string_view host) {
  std::string h = lower(host);
  if (!h.empty() && h.back() == '.') h.pop_back();
  auto labels = split(h, '.');
  if (std::any_of(labels.begin(), labels.end(), [](std::string_view l) { return l.empty(); })) return std::nullopt;
  return parse_endpoint_specific(labels);
}

prefix_set published_ranges(std::string_view short_name, std::string_view region) {
  const service_info* s = find_service(short_name);
  if (!s || !s->gateway_endpoint) return {};
  // ip-ranges.json names the services in capitals (`S3`, `DYNAMODB`).
  auto it = ranges().find({s->short_name == "s3" ? "S3" : "DYNAMODB", std::string(region)});
  return it == ranges().end() ? prefix_set{} : it->second;
}

std::optional<std::string> service_owning(const cidr4& block, std::string_view region) {
  for (const char* name : {"s3", "dynamodb"}) {
    const prefix_set ranges = published_ranges(name, region);
    for (const auto& b : ranges.blocks())
      if (b.contains(block)) return std::string(name);
  }
  return std::nullopt;
}

address4 representative_address(const prefix_set& blocks) {
  if (blocks.empty()) return make_address4(other_service_address);
  // The largest block (the lowest on ties) is the one most likely to be in the service's managed
  // prefix list too; its second address is a host address in any block shorter than /32.
  const cidr4* largest = &blocks.blocks().front();
  for (const auto& b : blocks.blocks())
    if (b.prefix_length() < largest->prefix_length()) largest = &b;
  return make_address4(largest->first_uint() + (largest->prefix_length() < 32 ? 1u : 0u));
}

address4 representative_address(std::string_view short_name, std::string_view region) {
  return representative_address(published_ranges(short_name, region));
}

std::vector<cidr6> published_ranges6(std::string_view short_name, std::string_view region) {
  const service_info* s = find_service(short_name);
  if (!s || !s->gateway_endpoint) return {};
  auto it = ranges6().find({s->short_name == "s3" ? "S3" : "DYNAMODB", std::string(region)});
  return it == ranges6().end() ? std::vector<cidr6>{} : it->second;
}

std::optional<address6> representative_address6(std::string_view short_name, std::string_view region) {
  const auto blocks = published_ranges6(short_name, region);
  if (blocks.empty()) return std::nullopt;
  // As for IPv4: the largest block (the lowest on ties), its second address.
  const cidr6* largest = &blocks.front();
  for (const auto& b : blocks)
    if (b.prefix_length() < largest->prefix_length()) largest = &b;
  return make_address6(largest->first_uint() + (largest->prefix_length() < 128 ? 1u : 0u));
}

// S3-DS: Amazon S3's dual-stack endpoints, `s3.dualstack.REGION.amazonaws.com`.
std::optional<service_name_parts> match_dualstack_hostname(std::string_view host) {
  std::string h = lower(host);
  if (!h.empty() && h.back() == '.') h.pop_back();
  constexpr std::string_view head = "s3.dualstack.", tail = ".amazonaws.com";
  if (!h.starts_with(head) || !h.ends_with(tail) || h.size() <= head.size() + tail.size()) return std::nullopt;
  const std::string region = h.substr(head.size(), h.size() - head.size() - tail.size());
  if (!is_region(region)) return std::nullopt;
  return service_name_parts{region, "s3"};
}

std::string dualstack_hostname(std::string_view short_name, std::string_view region) {
  return short_name == "s3" ? "s3.dualstack." + std::string(region) + ".amazonaws.com" : std::string{};
}

std::vector<leg> composite_legs(std::string_view name, std::string_view region) {
  if (name != "ecr") return {};
  // ECR-2: an image pull = a token from the ECR API, the manifest from the registry, then the
  // layers from S3 (ECR-1); the S3 endpoint policy must allow the layer bucket (ECR-8).
  return {
      {"ecr.api", "ecr:GetAuthorizationToken", "*"},
      {"ecr.dkr", "ecr:BatchGetImage", "*"},
      {"s3", "s3:GetObject", "arn:aws:s3:::prod-" + std::string(region) + "-starport-layer-bucket/*"},
  };
}

std::string default_action(const service_info& s) { return s.iam_prefix + ":*"; }

}  // namespace vpcsim::services
