"""Builds the `vpcsim` package for pip with setuptools, offline, from Debian packages only.

The C++ extension (vpcsim/_core) is built by the project's CMake: `pip install
--no-build-isolation ./python` configures and builds the target `vpcsim_python` of the repository
this directory is in, for the interpreter running pip. With VPCSIM_PYTHON_EXTENSION=PATH it
copies an extension already built instead (`build/python/vpcsim/_core.*.so` of a CMake build for
the same interpreter).
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def version():
    for line in (ROOT / "CMakeLists.txt").read_text().splitlines():
        if line.startswith("project(vpcsim VERSION "):
            return line.split()[2]
    raise RuntimeError("no project version in CMakeLists.txt")


class cmake_build_ext(build_ext):
    def build_extension(self, ext):
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        prebuilt = os.environ.get("VPCSIM_PYTHON_EXTENSION")
        if prebuilt:
            if not prebuilt.endswith(sysconfig.get_config_var("EXT_SUFFIX")):
                raise RuntimeError(f"VPCSIM_PYTHON_EXTENSION={prebuilt} is not built for this interpreter "
                                   f"(its files end in {sysconfig.get_config_var('EXT_SUFFIX')})")
            shutil.copyfile(prebuilt, target)
            return
        with tempfile.TemporaryDirectory(prefix="vpcsim-build-") as build:
            subprocess.run(["cmake", "-S", str(ROOT), "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                            f"-DPython3_EXECUTABLE={sys.executable}", "-DVPCSIM_PYTHON=ON",
                            "-DVPCSIM_BUILD_TESTS=OFF", "-DVPCSIM_BUILD_EXAMPLES=OFF", "-DVPCSIM_BUILD_CLI=OFF",
                            "-DVPCSIM_INSTALL=OFF"], check=True)
            subprocess.run(["cmake", "--build", build, "--target", "vpcsim_python",
                            "-j", os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")], check=True)
            built = next(Path(build, "python", "vpcsim").glob("_core*" + sysconfig.get_config_var("EXT_SUFFIX")))
            shutil.copyfile(built, target)


setup(
    name="vpcsim",
    version=version(),
    description="Offline AWS VPC network simulator: trace flows and assert reachability from Python",
    packages=["vpcsim"],
    package_data={"vpcsim": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("vpcsim._core", sources=[])],
    cmdclass={"build_ext": cmake_build_ext},
    entry_points={"pytest11": ["vpcsim = vpcsim.pytest_plugin"]},
    python_requires=">=3.9",
    zip_safe=False,
)
