"""The pieces `nginx_test.py` runs: a throw-away certificate, Debian's nginx with a test copy of
Config/deploy/nginx.conf, `academy serve` behind it, and an HTTPS client that picks its source address.

Everything listens on loopback only (nginx on 127.0.0.1:18443 and :18081, the server on 127.0.0.1:18085) and lives
under one work folder in /tmp. Processes are started in their own process groups and stopped by their own pids.
"""
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SITE = os.path.join(ROOT, "Config", "deploy", "nginx.conf")
HOST = "127.0.0.1"
HTTPS_PORT = 18443
HTTP_PORT = 18081
SERVER_PORT = 18085


class Failure(Exception):
    """A check that did not hold; the message says what was expected and what came."""


# ---------------------------------------------------------------- certificate

def make_certificate(folder):
    """A self-signed P-256 certificate for 127.0.0.1 (and localhost), valid for a day: (cert path, key path)."""
    cert, key = os.path.join(folder, "test-cert.pem"), os.path.join(folder, "test-key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", key, "-out", cert],
        check=True, capture_output=True, timeout=60)
    os.chmod(key, 0o600)
    return cert, key


# ---------------------------------------------------------------- nginx configuration

# What changes between Config/deploy/nginx.conf and the tested copy, and nothing else: (pattern, replacement,
# how many times the pattern must occur). A pattern that no longer matches fails the test, so the copy cannot
# silently drift from the file administrators install.
def site_substitutions(cert, key):
    return [
        (r"^(\s*)listen 80;$", rf"\1listen {HOST}:{HTTP_PORT};", 1),
        (r"^\s*listen \[::\]:80;\n", "", 1),
        (r"^(\s*)listen 443 ssl http2;$", rf"\1listen {HOST}:{HTTPS_PORT} ssl http2;", 1),
        (r"^\s*listen \[::\]:443 ssl http2;\n", "", 1),
        (r"^(\s*)server 127\.0\.0\.1:8080;$", rf"\1server {HOST}:{SERVER_PORT};", 1),
        (r"return 301 https://\$host\$request_uri;", f"return 301 https://$host:{HTTPS_PORT}$request_uri;", 1),
        (r"^(\s*)ssl_certificate\s+\S+;$", rf"\1ssl_certificate {cert};", 1),
        (r"^(\s*)ssl_certificate_key\s+\S+;$", rf"\1ssl_certificate_key {key};", 1),
    ]


def test_site(cert, key, site=SITE):
    """Config/deploy/nginx.conf (or `site`) with only the ports, the upstream's port and the certificate paths
    changed."""
    with open(site) as f:
        text = f.read()
    for pattern, replacement, count in site_substitutions(cert, key):
        text, found = re.subn(pattern, replacement.replace("\\1", "\\g<1>"), text, flags=re.MULTILINE)
        if found != count:
            raise Failure(f"{site}: expected {count} line(s) matching {pattern!r}, found {found}; "
                          "update Tests/deploy/nginx_stack.py with the file")
    return text


def main_config(prefix, site_path):
    """The main nginx.conf: Debian 12's stock /etc/nginx/nginx.conf (the http settings our site is included into,
    among them its permissive ssl_protocols and gzip on), with the pid, logs and temporary folders under `prefix`
    so nginx runs in the foreground without touching /run or /var."""
    return f"""# Test copy of Debian's /etc/nginx/nginx.conf (written by Tests/deploy/nginx_stack.py).
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log notice;

events {{
    worker_connections 768;
}}

http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    access_log {prefix}/access.log;
    gzip on;

    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;

    include {site_path};
}}
"""


def write_nginx_config(prefix, cert, key, site=SITE):
    os.makedirs(os.path.join(prefix, "temp"), exist_ok=True)
    site_path = os.path.join(prefix, "academy-site.conf")
    with open(site_path, "w") as f:
        f.write(test_site(cert, key, site))
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        f.write(main_config(prefix, site_path))
    return conf


# ---------------------------------------------------------------- processes

def port_free(port):
    with socket.socket() as s:
        return s.connect_ex((HOST, port)) != 0


def wait_port(port, proc, what, log_path, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise Failure(f"{what} exited with {proc.returncode} before listening on {port}:\n" + tail(log_path))
        if not port_free(port):
            return
        time.sleep(0.1)
    raise Failure(f"{what} did not listen on {HOST}:{port} within {timeout}s:\n" + tail(log_path))


def tail(path, lines=30):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return f"(no {path})"


class Process:
    """A child in its own process group, stopped by its own pid (SIGTERM, then SIGKILL)."""

    def __init__(self, args, log_path, env=None, cwd=ROOT):
        self.log_path = log_path
        logf = open(log_path, "ab")
        self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=logf, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        logf.close()

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is not None:
            return
        os.kill(self.proc.pid, sig)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=20)


def start_nginx(nginx, prefix, conf):
    check = subprocess.run([nginx, "-t", "-p", prefix, "-c", conf], capture_output=True, text=True, timeout=30)
    if check.returncode != 0:
        raise Failure("nginx -t refused the test configuration:\n" + check.stdout + check.stderr)
    # SIGQUIT: nginx's graceful shutdown (SIGTERM is its fast one; either is fine for a test).
    process = Process([nginx, "-p", prefix, "-c", conf, "-g", "daemon off;"], os.path.join(prefix, "stderr.log"))
    wait_port(HTTPS_PORT, process.proc, "nginx", os.path.join(prefix, "error.log"))
    wait_port(HTTP_PORT, process.proc, "nginx", os.path.join(prefix, "error.log"))
    return process


def start_server(binary, data, log_path, env):
    process = Process([binary, "serve", "--data", data, "--host", HOST, "--port", str(SERVER_PORT)], log_path,
                      env=dict(os.environ, **env))
    wait_port(SERVER_PORT, process.proc, "academy serve", log_path, timeout=90)
    return process


# ---------------------------------------------------------------- HTTP(S) client

class Reply:
    def __init__(self, response, body):
        self.status = response.status
        self.headers = response.headers  # an email.message.Message: get_all() keeps repeated Set-Cookie lines
        self.body = body
        self.version = response.version

    def header(self, name):
        return self.headers.get(name)

    def text(self):
        return self.body.decode("utf-8", "replace")


def tls_context(cafile, minimum=None, maximum=None, alpn=None):
    context = ssl.create_default_context(cafile=cafile)
    if minimum:
        context.minimum_version = minimum
    if maximum:
        context.maximum_version = maximum
    if alpn:
        context.set_alpn_protocols(alpn)
    return context


def request(cafile, method, path, body=None, headers=None, source=HOST, https=True, declare_length=None,
            timeout=60):
    """One request from `source` (a loopback address the client socket binds to) to nginx.

    With `declare_length`, only the headers are sent, announcing that many body bytes: nginx must answer from the
    headers alone (413) without waiting for a body."""
    if https:
        conn = http.client.HTTPSConnection(HOST, HTTPS_PORT, timeout=timeout, source_address=(source, 0),
                                           context=tls_context(cafile))
    else:
        conn = http.client.HTTPConnection(HOST, HTTP_PORT, timeout=timeout, source_address=(source, 0))
    try:
        hdrs = dict(headers or {})
        if declare_length is not None:
            conn.putrequest(method, path)
            for name, value in hdrs.items():
                conn.putheader(name, value)
            conn.putheader("Content-Length", str(declare_length))
            conn.endheaders()
        else:
            conn.request(method, path, body=body, headers=hdrs)
        response = conn.getresponse()
        return Reply(response, response.read())
    finally:
        conn.close()


def direct(path, headers=None):
    """A GET straight to the server, not through nginx: what it sends by itself."""
    conn = http.client.HTTPConnection(HOST, SERVER_PORT, timeout=30)
    try:
        conn.request("GET", path, headers=dict(headers or {}))
        response = conn.getresponse()
        return Reply(response, response.read())
    finally:
        conn.close()


def handshake(cafile, minimum=None, maximum=None, alpn=None):
    """A bare TLS handshake with nginx: (protocol version, ALPN protocol) or an ssl.SSLError."""
    context = tls_context(cafile, minimum, maximum, alpn)
    with socket.create_connection((HOST, HTTPS_PORT), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=HOST) as tls:
            return tls.version(), tls.selected_alpn_protocol()


def resumes(cafile):
    """Whether a second TLS 1.2 connection resumes the first one's session (from nginx's session cache: tickets
    are off, so nothing else could resume it)."""
    context = tls_context(cafile, ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_2)
    session = None
    for _ in range(2):
        with socket.create_connection((HOST, HTTPS_PORT), timeout=10) as raw:
            with context.wrap_socket(raw, server_hostname=HOST, session=session) as tls:
                if session is not None:
                    return tls.session_reused
                session = tls.session
    return False


def idle_upstream_connections():
    """Open TCP connections to the server's port (from /proc/net/tcp): nginx's kept-alive upstream connections."""
    count = 0
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            fields = line.split()
            remote, state = fields[2], fields[3]
            if remote == f"0100007F:{SERVER_PORT:04X}" and state == "01":  # 127.0.0.1:port, ESTABLISHED
                count += 1
    return count


def clean(folder):
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
