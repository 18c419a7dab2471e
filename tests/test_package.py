"""newskg as a package: the wheel ships queries/ and ontology/ and works outside the checkout."""
from __future__ import annotations

import shutil
import site
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ARTICLES = {
    "ferry.txt": "date: March 5, 2024\ntitle: Ferry service to resume\n\n"
                 "Interior Minister Lars Holm said that the ferry service would resume on Monday. "
                 "\"We will not leave the islands cut off,\" Holm told reporters in Oslo.\n",
    "port.txt": "The port authority said that about 2,400 workers joined the strike on Friday. "
                "Norway's transport ministry rejected the union's demands.\n",
}


def test_every_package_folder_is_in_the_package_list():
    """packages are listed by hand (queries/ and ontology/ are mapped in), so a new one must be added there."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "kg").rglob("__init__.py")}
    assert found <= listed
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"kg.queries": "queries", "kg.ontology": "ontology"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of what the package is made of (no build dependency fetched)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for folder in ("kg", "queries", "ontology"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                           "--quiet", "--wheel-dir", str(work / "dist"), str(src)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [built] = (work / "dist").glob("newskg-*.whl")
    return built


def test_the_wheel_holds_the_queries_the_ontology_and_the_page_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    queries = {f"kg/queries/{p.name}" for p in (ROOT / "queries").glob("*.rq")}
    ontology = {f"kg/ontology/{p.name}" for p in (ROOT / "ontology").iterdir() if p.suffix in (".ttl", ".jsonld")}
    assert queries and queries <= names
    assert {"kg/ontology/newskg.ttl", "kg/ontology/shapes.ttl", "kg/ontology/context.jsonld"} <= ontology <= names
    data = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    assert {"kg/data/countries.tsv", "kg/extract/lexicons/speech_verbs.txt"} <= data  # page, lexicons, gazetteer
    assert any(name.startswith("kg/viz/templates/") for name in data)
    assert data <= names, sorted(data - names)


def test_the_installed_wheel_works_from_another_folder(wheel, tmp_path):
    """A fresh virtual environment outside the checkout gets the wheel; its dependencies (spaCy, rdflib, the
    English pipeline…) are this environment's, put on its path by a .pth file rather than installed again."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    fresh = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                capture_output=True, text=True, check=True).stdout.strip())
    deps = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *site.getsitepackages()}
    (fresh / "dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                           "--no-index", "--quiet", str(wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr

    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "articles").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (elsewhere / "articles" / name).write_text(text, encoding="utf-8")
    kg = venv / "bin" / "kg"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(kg), *args], capture_output=True, text=True, cwd=elsewhere, timeout=300)

    where = subprocess.run([str(python), "-c", "import kg.query, kg.vocab; print(kg.query.QUERIES_DIR); "
                                               "print(kg.vocab.ONTOLOGY_FILE)"],
                           capture_output=True, text=True, cwd=elsewhere, check=True).stdout.split()
    assert all(Path(p).is_relative_to(fresh) and Path(p).exists() for p in where), where

    built = run("build", "articles", "-o", "out/graph.ttl")
    assert built.returncode == 0 and "2 articles" in built.stdout, built.stderr
    listed = run("queries")
    assert listed.returncode == 0 and "who-said-what — " in listed.stdout
    said = run("query", "who-said-what", "-f", "jsonl", "--columns", "speaker")
    assert said.returncode == 0 and '"speaker": "Lars Holm"' in said.stdout, said.stderr
    checked = run("validate")
    assert checked.returncode == 0 and checked.stdout.endswith("graph conforms to the shapes\n"), checked.stdout
    drawn = run("viz", "-o", "out/page.html")
    assert drawn.returncode == 0 and (elsewhere / "out" / "page.html").stat().st_size > 10_000, drawn.stderr
