"""The README's and docs/'s examples, as written: the Python blocks run, the web server
blocks serve in a real nginx and Apache, the quick start and the cron line work, the output
shown is what the commands print, and every relative link leads somewhere."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import requests

from feedpub import build, load_config

from .conftest import ROOT

# The pages that hold the examples: the README and the reference it links to.
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _page(name: str) -> str:
    return (ROOT / name).read_text("utf-8")


def test_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ```python block of the README and of docs/, run where `make run` builds."""
    shutil.copy(ROOT / "config.toml", tmp_path / "config.toml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    ran = set()
    for page in PAGES:
        blocks = re.findall(r"```python\n(.*?)```", page.read_text("utf-8"), re.S)
        for code in blocks:
            exec(compile(code, str(page.relative_to(ROOT)), "exec"), {})
            ran.add(page.name)
    assert {"README.md", "library.md"} <= ran
    assert (tmp_path / "public" / "atom.xml").exists()


def test_ci_runs_the_readme_test_command() -> None:
    readme = _page("README.md")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "make test" in readme
    assert re.search(r"^make test$", ci, re.M)


def test_readme_links_lead_somewhere() -> None:
    """mkdocs build --strict (in make test) checks every link and anchor in docs/; the
    README, read on the forge and in the package's metadata, is not one of its pages."""
    text = re.sub(r"```.*?```", "", _page("README.md"), flags=re.S)
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    assert "docs/images/site.png" in targets
    for target in targets:
        assert not re.match(r"[a-z]+:", target), f"the README links out: {target}"
        assert (ROOT / target).is_file(), f"the README links to {target}, which is not a file"


def test_make_run_installs_no_test_tools() -> None:
    """`make run` is for a build: feedpub and its own dependencies, not the dev extra."""
    makefile = _page("Makefile")
    (run_deps,) = re.findall(r"^run: (.*)$", makefile, re.M)
    for dep in run_deps.split():
        (recipe,) = re.findall(rf"^{re.escape(dep)}:.*\n((?:\t.*\n)+)", makefile, re.M)
        assert "pip install" in recipe
        assert "[dev]" not in recipe
    assert ".venv/bin/feedpub" in _page("README.md")


def _quick_start() -> list[str]:
    """The README's quick start, one command a line, comments off."""
    readme = _page("README.md")
    (block,) = re.findall(r"## Your own folder.*?```sh\n(.*?)```", readme, re.S)
    return [line.split("#")[0].strip() for line in block.splitlines()]


def test_readme_quick_start_works_as_written(tmp_path: Path) -> None:
    """A new user's first ten minutes, each line of the README as written: a home with some
    articles in ~/articles, then init, copy, build, serve, and the crontab line."""
    home = tmp_path / "home"
    (home / "articles").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "000_92fe2bc6f3a1f1dd.txt", home / "articles" / "one.txt")
    # Where pipx puts the command, as the cron line expects it.
    command = home / ".local" / "bin" / "feedpub"
    command.parent.mkdir(parents=True)
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m feedpub "$@"\n')
    command.chmod(0o755)
    env = {**os.environ, "HOME": str(home), "PATH": f"{command.parent}:{os.environ['PATH']}"}
    lines = _quick_start()
    (serve,) = [line for line in lines if line.startswith("feedpub serve")]
    # One shell runs the rest, in order (the `cd` holds), stopping at the first failure.
    script = "\n".join(line for line in lines if line != serve)
    done = subprocess.run(
        ["sh", "-ec", script], env=env, cwd=home, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, (done.stdout, done.stderr)
    news = home / "news"
    atom = news / "public" / "atom.xml"
    assert "Putin returns to Belarus" in atom.read_text("utf-8")

    # feedpub serve, as written but on a free port (the tests run side by side).
    with subprocess.Popen(
        ["sh", "-c", f"exec {serve} --port 0"], env=env, cwd=news, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    ) as server:  # fmt: skip
        try:
            assert server.stdout is not None
            (url,) = re.findall(r"at (http://127\.0\.0\.1:\d+/)", server.stdout.readline())
            assert requests.get(url + "atom.xml", timeout=5).content == atom.read_bytes()
        finally:
            server.terminate()

    # The crontab line, run as cron runs it (sh, a short PATH, HOME set): quiet when well.
    readme = _page("README.md")
    (cron,) = re.findall(r"^\*/5 \* \* \* \* (.*)$", readme, re.M)
    (home / "articles" / "one.txt").rename(news / "documents" / "moved.txt")
    done = subprocess.run(
        ["sh", "-c", cron], env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def _user() -> str:
    import os
    import pwd

    return f"user {pwd.getpwuid(os.getuid()).pw_name};" if os.getuid() == 0 else ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _readme_block(language: str, output_dir: Path) -> str:
    """docs/serving.md's one ```language block, pointed at ``output_dir`` instead of /srv/..."""
    (block,) = re.findall(rf"```{language}\n(.*?)```", _page("docs/serving.md"), re.S)
    assert "/srv/feedpub/public" in block
    return block.replace("/srv/feedpub/public", str(output_dir))


def _built_output(project: Path) -> Path:
    """A fresh output folder, plus what a web server must not hand out from it."""
    config = load_config(project / "config.toml")
    build(config)
    public = config.output_dir
    # What a build in progress leaves next to the feeds.
    (public / ".atom.xml.x1.tmp").write_text("half a feed")
    # A readable file outside the folder, linked from inside: only the server's settings,
    # not file permissions, can keep it from being served.
    secret = project / "secret.txt"
    secret.write_text("not for readers")
    secret.chmod(0o644)
    (public / "outside.txt").symlink_to(secret)
    return public


def _wait_until_serving(server: subprocess.Popen[bytes], url: str, log: Path) -> None:
    for _ in range(200):
        try:
            requests.head(url, timeout=1)
            return
        except requests.ConnectionError:
            server.poll()
            assert server.returncode is None, log.read_text() if log.exists() else "no log"
            subprocess.run(["sleep", "0.05"], check=True)
    raise AssertionError(f"nothing answered at {url}: {log.read_text()}")


def _check_serves_output(base: str, public: Path) -> None:
    """What a web server set up from the README must do; ``base`` is the URL of /feeds/.

    Every request names the public site in ``Host``, as a reader of a site on port 80 would,
    so the ``rel="self"`` link can be compared with the URL that reader asked for.
    """
    site = "http://news.example.org/feeds/"
    host = {"Host": "news.example.org"}
    section = "sections/ukraine-and-russia-war/"
    for path, media_type in [
        ("atom.xml", "application/atom+xml"),
        ("rss.xml", "application/rss+xml"),
        ("feed.json", "application/feed+json"),
        (section + "atom.xml", "application/atom+xml"),
        (section + "rss.xml", "application/rss+xml"),
        (section + "feed.json", "application/feed+json"),
    ]:
        plain = requests.get(
            base + path, headers={**host, "Accept-Encoding": "identity"}, timeout=5
        )
        assert plain.status_code == 200, path
        assert plain.headers["Content-Type"] == f"{media_type}; charset=utf-8", path
        assert "Content-Encoding" not in plain.headers, path
        assert plain.content == (public / path).read_bytes(), path
        links = plain.headers["Link"]
        assert '<https://hub.example/>; rel="hub"' in links, path
        assert f'<{site}{path}>; rel="self"' in links, path
        assert "max-age=300" in plain.headers["Cache-Control"], path

        # requests asks for gzip and undoes it, so .content is the file's bytes again.
        zipped = requests.get(base + path, headers={**host, "Accept-Encoding": "gzip"}, timeout=5)
        assert zipped.headers["Content-Encoding"] == "gzip", path
        assert "accept-encoding" in zipped.headers["Vary"].lower(), path
        assert zipped.content == plain.content, path
        assert f'<{site}{path}>; rel="self"' in zipped.headers["Link"], path
        # A polling reader sends back what it was given, gzip and all, and must get a 304.
        for asked, given in [
            ("If-None-Match", zipped.headers["ETag"]),
            ("If-Modified-Since", zipped.headers["Last-Modified"]),
            ("If-None-Match", plain.headers["ETag"]),
        ]:
            again = requests.get(
                base + path, headers={**host, "Accept-Encoding": "gzip", asked: given}, timeout=5
            )
            assert again.status_code == 304, (path, asked, given)

    opml = requests.get(base + "feeds.opml", headers=host, timeout=5)
    assert opml.status_code == 200
    assert opml.headers["Content-Type"] == "text/x-opml; charset=utf-8"
    assert opml.content == (public / "feeds.opml").read_bytes()
    assert requests.get(base + "index.html", headers=host, timeout=5).status_code == 200
    for hidden in [".atom.xml.x1.tmp", "outside.txt", "sections/", "entries/"]:
        answer = requests.get(base + hidden, headers=host, timeout=5)
        assert answer.status_code in (403, 404), hidden
        assert b"half a feed" not in answer.content
        assert b"not for readers" not in answer.content
        assert b"entries/" not in answer.content  # no listing of the folder either


def test_readme_nginx_settings_serve_every_feed_right(project: Path, tmp_path: Path) -> None:
    """The README's nginx block, as written, in a real nginx on loopback."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is not installed: run tools/install-system-packages"
    public = _built_output(project)
    block = _readme_block("nginx", public)
    port, run = _free_port(), tmp_path / "nginx"
    run.mkdir()
    temp_paths = " ".join(
        f"{name}_temp_path {run};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (run / "nginx.conf").write_text(
        # Workers as the test's own user: pytest's folders are private to it.
        f"daemon off; pid {run}/nginx.pid; error_log {run}/error.log; {_user()}\n"
        "events {}\n"
        f"http {{ access_log off; include /etc/nginx/mime.types; {temp_paths}\n"
        f"server {{ listen 127.0.0.1:{port}; server_name localhost;\n{block}\n}} }}\n"
    )
    server = subprocess.Popen([nginx, "-c", f"{run}/nginx.conf", "-p", f"{run}/"])
    try:
        base = f"http://127.0.0.1:{port}/feeds/"
        _wait_until_serving(server, base + "atom.xml", run / "error.log")
        _check_serves_output(base, public)
    finally:
        server.terminate()
        server.wait(10)


# What the README block needs, and what a stock Apache serving files has loaded (autoindex
# lists folders unless told not to); each is a module of Debian's apache2-bin, loaded by path
# because the test writes its own configuration.
_APACHE_MODULES = [
    "mpm_event",
    "authz_core",
    "alias",
    "mime",
    "dir",
    "autoindex",
    "headers",
    "filter",
    "deflate",
]


def test_readme_apache_settings_serve_every_feed_right(project: Path, tmp_path: Path) -> None:
    """The README's Apache block, as written, in a real Apache httpd on loopback."""
    apache = shutil.which("apache2") or "/usr/sbin/apache2"
    assert Path(apache).exists(), "apache2 is not installed: run tools/install-system-packages"
    modules = Path("/usr/lib/apache2/modules")
    # Apache will not serve as root, so as root it runs as nobody, who cannot enter pytest's
    # private folders: the project goes into a folder anyone may read.
    readable = Path(tempfile.mkdtemp(prefix="feedpub-apache-"))
    try:
        shutil.copytree(project, readable / "project")
        for folder in (readable, readable / "project"):
            folder.chmod(0o755)
        public = _built_output(readable / "project")
        block = _readme_block("apache", public)
        port, run = _free_port(), tmp_path / "apache"
        (run / "htdocs").mkdir(parents=True)
        account = "User nobody\nGroup nogroup\n" if os.getuid() == 0 else ""
        loads = "".join(f"LoadModule {m}_module {modules}/mod_{m}.so\n" for m in _APACHE_MODULES)
        (run / "httpd.conf").write_text(
            f"ServerRoot {run}\nDefaultRuntimeDir {run}\nPidFile {run}/httpd.pid\n"
            f"ErrorLog {run}/error.log\nListen 127.0.0.1:{port}\nServerName localhost\n"
            f"{account}{loads}TypesConfig /etc/mime.types\nDocumentRoot {run}/htdocs\n"
            # As in the stock apache2.conf of Debian and of Apache itself, nothing on disk is
            # served unless a block grants it; and as in Debian's for /var/www, folders are
            # listed and links followed: the README block must grant, and refuse, itself.
            "<Directory />\n    AllowOverride None\n    Require all denied\n"
            "    Options Indexes FollowSymLinks\n</Directory>\n"
            f"{block}"
        )
        log = run / "error.log"
        # -X: one process in the foreground, stopped by terminate().
        server = subprocess.Popen([apache, "-X", "-f", f"{run}/httpd.conf"])
        try:
            base = f"http://127.0.0.1:{port}/feeds/"
            _wait_until_serving(server, base + "atom.xml", log)
            _check_serves_output(base, public)
        finally:
            server.terminate()
            server.wait(10)
        assert "AH00037" in log.read_text()  # the symlink was refused, not merely missing
    finally:
        shutil.rmtree(readable)


def _readme_build_output() -> list[str]:
    page = _page("docs/commands.md")
    (block,) = re.findall(r"and prints what it wrote.*?```\n(.*?)```", page, re.S)
    return block.splitlines()


def test_readme_build_output_is_what_build_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's example of `feedpub build`'s output, and of a skipped document's
    message, as the repository's config and seeds give them. The example once had the
    page count first, and the skipped path once lacked its folder."""
    from feedpub.cli import main

    shutil.copy(ROOT / "config.toml", tmp_path / "config.toml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    printed = capsys.readouterr().out.replace(str(tmp_path / "public"), "/path/to/public")
    lines = printed.splitlines()
    shown = _readme_build_output()
    assert lines[0] == shown[0]
    assert lines[-2:] == shown[-2:]
    at = 0
    for line in shown:
        if line != "...":
            at = lines.index(line, at) + 1  # each shown line, in the README's order

    (tmp_path / "seeds" / "bad.txt").write_text("42\n", encoding="utf-8")
    assert main(["build", "-q"]) == 1
    (example,) = re.findall(
        r"`(feedpub: skipped seeds/bad\.txt:1: [^`.]*)\.\.\.`", _page("docs/commands.md")
    )
    assert capsys.readouterr().err.startswith(example)


def test_readme_inspect_example_is_what_inspect_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's `feedpub inspect` example, run where `make run` builds: it must show
    the date the build publishes (it once showed UTC, as if there were no config.toml)."""
    from feedpub.cli import main

    (block,) = re.findall(r"```\n\$ (feedpub inspect .*?)```", _page("docs/commands.md"), re.S)
    command, *shown = block.splitlines()
    shutil.copy(ROOT / "config.toml", tmp_path / "config.toml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert main(command.split()[1:]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = 0
    for line in shown:
        if line != "...":
            at = lines.index(line, at) + 1  # each shown line, in the README's order
    # The date a build of the same folder publishes.
    assert main(["build", "-q"]) == 0
    published = re.findall(r"^published  (\S+)", "\n".join(lines), re.M)
    assert f"<published>{published[0]}</published>" in (tmp_path / "public/atom.xml").read_text()
