"""Real nginx and Apache for tests, configured with the README's blocks exactly as printed.

README.md ("发布到内网 Web 服务器") prints four configuration blocks in fenced code blocks whose info
string names them: ```nginx site-root, ```nginx site-sub-path, ```apache site-root and
```apache site-sub-path. A test takes a block as printed and replaces only what the README tells the
administrator to replace: the site folder `/srv/www/bank-work-plans` and the port `80` (nginx
`listen 80;` written as `listen 127.0.0.1:PORT;`, which the README allows; Apache `<VirtualHost *:80>`).
The server gets a small wrapper of its own around the block (what /etc/nginx/nginx.conf and
/etc/apache2/apache2.conf give it on a real machine): its own config, pid and log files in a temporary
folder, a free 127.0.0.1 port, started in the foreground and stopped by its PID.
"""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from support import ROOT

SITE_FOLDER = "/srv/www/bank-work-plans"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
APACHECTL = shutil.which("apache2ctl") or "/usr/sbin/apache2ctl"


def readme_block(server: str, name: str) -> str:
    """The README's fenced block with info string `<server> <name>`, exactly as printed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.findall(rf"^```{re.escape(server)} {re.escape(name)}\n(.*?)^```$", readme, re.M | re.S)
    assert len(found) == 1, f"README.md has {len(found)} blocks ```{server} {name}"
    return found[0]


def placed(block: str, server: str, folder: Path, port: int) -> str:
    """The block with the README's placeholders replaced, and nothing else."""
    assert SITE_FOLDER in block
    block = block.replace(SITE_FOLDER, str(folder))
    if server == "nginx":
        block, n = re.subn(r"^(\s*)listen 80;", rf"\g<1>listen 127.0.0.1:{port};", block, flags=re.M)
    else:
        block, n = re.subn(r"<VirtualHost \*:80>", f"<VirtualHost *:{port}>", block)
    assert n == 1, "the port placeholder is where the README says"
    return block


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited ({proc.returncode}): {log.read_text(errors='replace') if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server did not listen on {port}")


def nginx_config(block: str, tmp: Path) -> Path:
    """A self-contained nginx.conf around a README block (nginx -c FILE -p DIR)."""
    temp = "\n".join(f"    {kind}_temp_path {tmp}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = tmp / "nginx.conf"
    conf.write_text(f"""daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
# ---- README.md, as printed but for the site folder and the port
{block}
}}
""", encoding="utf-8")
    return conf


def apache_config(block: str, tmp: Path, port: int, headers: bool = True) -> Path:
    """A self-contained Apache config around a README block: Debian's enabled modules, plus
    mod_headers as `a2enmod headers` enables it (left out with headers=False)."""
    conf = tmp / "apache2.conf"
    enable = "# what `a2enmod headers` enables\nInclude mods-available/headers.load\n" if headers else ""
    conf.write_text(f"""ServerRoot /etc/apache2
ServerName 127.0.0.1
DefaultRuntimeDir {tmp}
PidFile {tmp}/apache2.pid
ErrorLog {tmp}/error.log
LogLevel warn
User www-data
Group www-data
Include mods-enabled/*.load
Include mods-enabled/*.conf
{enable}Listen 127.0.0.1:{port}
# ---- README.md, as printed but for the site folder and the port
{block}
""", encoding="utf-8")
    return conf


def config_test(server: str, conf: Path, tmp: Path) -> subprocess.CompletedProcess:
    """`nginx -t` or `apache2ctl -t` on a config file."""
    if server == "nginx":
        cmd = [NGINX, "-t", "-c", str(conf), "-p", str(tmp), "-e", str(tmp / "error.log")]
    else:
        cmd = [APACHECTL, "-t", "-f", str(conf)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30)


class Server:
    """One server process on 127.0.0.1:port with a README block; stop() ends it by its PID."""

    def __init__(self, server: str, name: str, folder: Path, tmp: Path):
        self.server, self.tmp, self.port = server, tmp, free_port()
        self.block = placed(readme_block(server, name), server, folder, self.port)
        if server == "nginx":
            self.conf = nginx_config(self.block, tmp)
            cmd = [NGINX, "-c", str(self.conf), "-p", str(tmp), "-e", str(tmp / "error.log")]
        else:
            self.conf = apache_config(self.block, tmp, self.port)
            cmd = [APACHE, "-f", str(self.conf), "-DFOREGROUND"]
        checked = config_test(server, self.conf, tmp)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for(self.port, self.proc, tmp / "error.log")

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM to the master's PID: nginx and Apache both shut down at once
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
