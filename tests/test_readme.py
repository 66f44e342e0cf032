from __future__ import annotations

import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
import requests

from feedpub import build, load_config

from .conftest import ROOT


def test_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "config.toml", tmp_path / "config.toml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    assert blocks
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "public" / "atom.xml").exists()


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "make test" in readme
    assert re.search(r"^make test$", ci, re.M)


def _user() -> str:
    import os
    import pwd

    return f"user {pwd.getpwuid(os.getuid()).pw_name};" if os.getuid() == 0 else ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_readme_nginx_settings_serve_every_feed_right(project: Path, tmp_path: Path) -> None:
    """The README's nginx block, as written, in a real nginx on loopback."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is not installed: run tools/install-system-packages"
    config = load_config(project / "config.toml")
    build(config)
    (config.output_dir / ".atom.xml.x1.tmp").write_text("half a feed")
    readme = (ROOT / "README.md").read_text("utf-8")
    (block,) = re.findall(r"```nginx\n(.*?)```", readme, re.S)
    block = block.replace("/srv/feedpub/public/", f"{config.output_dir}/")
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
        for _ in range(100):
            try:
                requests.head(base + "atom.xml", timeout=1)
                break
            except requests.ConnectionError:
                server.poll()
                assert server.returncode is None, (run / "error.log").read_text()
                subprocess.run(["sleep", "0.05"], check=True)
        section = "sections/ukraine-and-russia-war/"
        for path, media_type in [
            ("atom.xml", "application/atom+xml"),
            ("rss.xml", "application/rss+xml"),
            ("feed.json", "application/feed+json"),
            (section + "rss.xml", "application/rss+xml"),
        ]:
            answer = requests.get(base + path, timeout=5)
            assert answer.status_code == 200
            assert answer.headers["Content-Type"] == f"{media_type}; charset=utf-8"
            assert answer.content == (config.output_dir / path).read_bytes()
            assert f'<http://127.0.0.1/feeds/{path}>; rel="self"' in answer.headers["Link"]
            assert answer.headers["ETag"]
        opml = requests.get(base + "feeds.opml", timeout=5)
        assert opml.headers["Content-Type"] == "text/x-opml; charset=utf-8"
        assert requests.get(base + ".atom.xml.x1.tmp", timeout=5).status_code == 404
    finally:
        server.terminate()
        server.wait(10)
