"""npm packages the browser tests drive (axe-core, rasa-webchat), packed from npm at test time.

They are never committed: `npm pack` fetches the pinned version (npm checks the registry's
integrity hash) into an ignored folder, where later runs find it unpacked.
"""
from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

NPM_DIR = Path(__file__).resolve().parent / ".npm-packages"  # in .gitignore
AXE_CORE = "axe-core@4.14.1"  # MPL-2.0
RASA_WEBCHAT = "rasa-webchat@1.0.1"  # Apache-2.0; the Rasa web client the issue names


def npm_package(spec: str) -> Path:
    """The unpacked package directory of `name@version` (its `package/` folder)."""
    target = NPM_DIR / spec.replace("/", "+")
    if (target / "package" / "package.json").is_file():
        return target / "package"
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed for the browser tests: apt-get install -y npm")
    target.mkdir(parents=True, exist_ok=True)
    packed = subprocess.run([npm, "pack", spec, "--silent", "--pack-destination", str(target)],
                            check=True, capture_output=True, text=True, timeout=300)
    tarball = target / packed.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    tarball.unlink()
    return target / "package"
