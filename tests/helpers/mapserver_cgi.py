"""MapServer 8 (Debian ``cgi-mapserver``) behind a small CGI wrapper on loopback.

Runs as a script (standard library only)::

    python -m tests.helpers.mapserver_cgi --port PORT --map orebro=resources/service/mapserver.map \
        --data-dir resources/demo [--exit-with-parent]

Each ``--map ALIAS=TEMPLATE`` is a mapfile template: ``@DATA_DIR@``, ``@BASE_URL@`` (the OGC
API root ``http://127.0.0.1:PORT/ALIAS/ogcapi``) and ``@WFS_URL@`` are filled in, and the
result is written to a temporary folder together with the MapServer 8 configuration file
(``MAPSERVER_CONFIG_FILE``: the aliases under ``MAPS``). URLs:

* ``/ALIAS/ogcapi/...``: OGC API - Features (MapServer finds the mapfile by its alias);
* ``/ALIAS?SERVICE=WFS&...``: WFS, with ``MS_MAPFILE`` set to the alias's mapfile.

Every request runs ``/usr/lib/cgi-bin/mapserv`` once (CGI/1.1); its ``Status:`` header
becomes the HTTP status. The temporary folder is removed on SIGTERM/SIGINT.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from scripts.serve import _raise_stop, _Stop, _watch_parent  # the reference service's own stop and parent watch

MAPSERV = "/usr/lib/cgi-bin/mapserv"


def write_setup(maps, data_dir, host, port, workdir):
    """Fill in the mapfile templates and write the MapServer config file; returns
    ``(config_path, {alias: mapfile_path})``."""
    paths = {}
    for alias, template in maps.items():
        with open(template, encoding="utf-8") as handle:
            text = handle.read()
        root = f"http://{host}:{port}/{alias}"
        text = (text.replace("@DATA_DIR@", os.path.abspath(data_dir or os.path.dirname(template)))
                .replace("@BASE_URL@", root + "/ogcapi")
                .replace("@WFS_URL@", root + "?"))
        path = os.path.join(workdir, alias + ".map")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        paths[alias] = path
    lines = ["CONFIG", "  ENV", f'    MS_MAP_PATTERN "^{workdir}/"', "  END", "  MAPS"]
    lines += [f'    {alias} "{path}"' for alias, path in paths.items()]
    lines += ["  END", "END", ""]
    config = os.path.join(workdir, "mapserver.conf")
    with open(config, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    return config, paths


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *_args):
        pass

    def do_GET(self):  # noqa: N802
        server = self.server
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        segments = [s for s in path.split("/") if s]
        if not segments or segments[0] not in server.mapfiles:
            self._send(404, "application/json", b'{"code": "NotFound"}')
            return
        env = {k: v for k, v in os.environ.items() if not k.startswith("HTTP_")}
        env.update({
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_SOFTWARE": "regionplan-mapserver-cgi",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "SERVER_NAME": server.host,
            "SERVER_PORT": str(server.port),
            "REQUEST_METHOD": self.command,
            "SCRIPT_NAME": "",
            "QUERY_STRING": parts.query,
            "REMOTE_ADDR": self.client_address[0],
            "MAPSERVER_CONFIG_FILE": server.config,
        })
        if len(segments) >= 2 and segments[1] == "ogcapi":
            env["PATH_INFO"] = path
        else:
            env["PATH_INFO"] = ""
            env["MS_MAPFILE"] = server.mapfiles[segments[0]]
        for name, value in self.headers.items():
            env["HTTP_" + name.upper().replace("-", "_")] = value
        try:
            done = subprocess.run([MAPSERV], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=120, check=False)
        except subprocess.TimeoutExpired:
            self._send(504, "text/plain", b"mapserv timed out")
            return
        head, sep, body = done.stdout.partition(b"\r\n\r\n")
        if not sep:
            head, sep, body = done.stdout.partition(b"\n\n")
        if not sep:
            self._send(502, "text/plain", b"mapserv failed: " + done.stderr[-2000:])
            return
        status = 200
        headers = []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.strip().lower() == "status":
                status = int(value.strip().split()[0])
            elif name.strip():
                headers.append((name.strip(), value.strip()))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_GET  # noqa: N815

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main(argv=None):
    parser = argparse.ArgumentParser(description="MapServer 8 CGI on loopback.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--map", action="append", required=True, help="ALIAS=MAPFILE_TEMPLATE")
    parser.add_argument("--data-dir", default="", help="fills @DATA_DIR@ (default: the template's folder)")
    parser.add_argument("--exit-with-parent", action="store_true")
    args = parser.parse_args(argv)
    if args.exit_with_parent:
        _watch_parent()
    maps = dict(item.split("=", 1) for item in args.map)
    workdir = tempfile.mkdtemp(prefix="regionplan-mapserver-")
    try:
        config, mapfiles = write_setup(maps, args.data_dir, args.host, args.port, workdir)
        server = ThreadingHTTPServer((args.host, args.port), _Handler)
        server.daemon_threads = True
        server.host, server.port, server.config, server.mapfiles = args.host, args.port, config, mapfiles
        signal.signal(signal.SIGTERM, _raise_stop)
        signal.signal(signal.SIGINT, _raise_stop)
        print(f"MapServer serving http://{args.host}:{args.port}/", flush=True)
        try:
            server.serve_forever()
        except _Stop:
            pass
        finally:
            server.server_close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
