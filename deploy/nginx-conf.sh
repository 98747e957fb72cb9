# Sourced by deploy/local-cluster.sh and bench/lib/setup.sh: writes a whole nginx.conf for instances on loopback from
# deploy/nginx.conf (its server block and upstreams, with these instances' ports).
#   nginx_conf DIR LISTEN_PORT DAEMON(on|off) INSTANCE_PORT…    writes DIR/nginx.conf (pid, logs and temp files in DIR)
nginx_conf() {
  local dir="$1" listen="$2" daemon="$3"; shift 3
  local here servers="" p body
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  for p in "$@"; do servers="$servers    server 127.0.0.1:$p max_fails=1 fail_timeout=2s;"$'\n'; done
  body=$(sed -e '/^upstream judging_sticky {/,/^}/{/server 127.0.0.1/d}' -e '/^upstream judging_any {/,/^}/{/server 127.0.0.1/d}' \
    -e "s/listen 8080;/listen 127.0.0.1:$listen;/" "$here/nginx.conf" \
    | awk -v servers="$servers" '{ print } /^upstream judging_(sticky|any) \{/ { printf "%s", servers }')
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
daemon $daemon;
worker_rlimit_nofile 65536;
events { worker_connections 16384; }
http {
    access_log off;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
$body
}
CONF
}
