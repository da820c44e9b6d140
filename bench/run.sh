#!/usr/bin/env bash
# Gatehouse side by side with nginx (inbound, reverse proxy) and squid (outbound, ssl-bump forward proxy).
#
#   bench/run.sh                 # default run: 3 s warm-up + 10 s per measurement, all scenarios
#   bench/run.sh --duration 60   # longer measurements (--warmup S per measurement, --jvm-warmup S once, default 15)
#   bench/run.sh --scenarios keepalive,large --certs 0     # a subset (keepalive, large, newconn, fresh, c200, none)
#   bench/run.sh --scenarios none --certs 1000,10000       # only the certificate scenario: 1,000 then 10,000
#   bench/run.sh --no-install    # skip apt-get (nginx, squid-openssl, wrk, openssl, curl must be there)
#   bench/run.sh --squid-workers 1   # squid as one process (squid -N); default: one SMP worker per core
#
# Everything runs on 127.0.0.1 under a temporary work directory (kept with --keep), every process it starts is
# stopped on exit, and every step is bounded by `timeout`. Run it as root on a Debian machine (apt-get, and squid
# drops to the `proxy` user). The table is printed at the end and saved as <work>/results.txt.
# What the numbers mean: docs/benchmarks.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

duration=10
warmup=3
jvm_warmup=15
connections=50
large_connections=16
many_connections=200
scenarios="keepalive,large,newconn,fresh,c200"
certs="1000"
install=1
keep=0
squid_workers="$(nproc)"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --jvm-warmup) jvm_warmup="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --scenarios) scenarios="$2"; shift 2 ;;
        --certs) certs="$2"; shift 2 ;;
        --no-install) install=0; shift ;;
        --keep) keep=1; shift ;;
        --squid-workers) squid_workers="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

if [[ $install -eq 1 ]]; then
    log "installing nginx, squid-openssl, wrk, openssl, curl with apt"
    timeout 600 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq nginx squid-openssl wrk openssl curl >/dev/null
fi
for tool in nginx squid wrk openssl curl java javac ss; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done
certgen=/usr/lib/squid/security_file_certgen
ncsa=/usr/lib/squid/basic_ncsa_auth

work="$(mktemp -d /tmp/gatehouse-bench.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    [[ -n "${squid_service:-}" ]] && rm -f /var/run/squid/"$squid_service"-*.ipc
    if [[ $keep -eq 0 ]]; then rm -rf "$work"; else log "work directory kept: $work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
# Ports, processes, /proc

taken=" "
free_port() {
    local p
    while true; do
        p=$((20000 + RANDOM % 40000))
        [[ "$taken" == *" $p "* ]] && continue
        if [[ -z "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]]; then
            taken+="$p "
            echo "$p"
            return
        fi
    done
}

wait_port() { # port seconds
    local end=$((SECONDS + $2))
    while (( SECONDS < end )); do
        [[ -n "$(ss -Htln "( sport = :$1 )")" ]] && return 0
        sleep 0.05
    done
    echo "nothing listens on 127.0.0.1:$1 after $2 s" >&2
    return 1
}

tree() { # pid -> the pid and all its descendants
    local pid="$1" child
    echo "$pid"
    for child in $(pgrep -P "$pid" || true); do tree "$child"; done
}

cpu_ticks() { # sum of utime+stime over a process tree, in clock ticks
    local total=0 pid fields
    for pid in $(tree "$1"); do
        fields="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null)" || continue
        # after the command name: field 3 is state, so utime (14) and stime (15) are the 12th and 13th here
        total=$((total + $(awk '{print $12 + $13}' <<<"$fields")))
    done
    echo "$total"
}

peak_rss_kib() { # sum of VmHWM over a process tree (shared pages of forked workers are counted in each)
    local total=0 pid v
    for pid in $(tree "$1"); do
        v="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null)" || continue
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

hz="$(getconf CLK_TCK)"

# ---------------------------------------------------------------------------------------------------------------
# Test PKI: upstream CA + server certificate for localhost; client CA + client certificate; squid's bump CA.

pki="$work/pki"
mkdir -p "$pki"
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
make_ca() { # name cn
    ec "$pki/$1.key"
    openssl req -x509 -new -key "$pki/$1.key" -days 30 -subj "/CN=$2" -out "$pki/$1.pem" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}
make_leaf() { # name ca cn eku [san]
    ec "$pki/$1.key"
    local ext=(-addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=$4")
    [[ -n "${5:-}" ]] && ext+=(-addext "subjectAltName=$5")
    openssl req -x509 -new -key "$pki/$1.key" -days 30 -subj "/CN=$3" -CA "$pki/$2.pem" -CAkey "$pki/$2.key" \
        "${ext[@]}" -out "$pki/$1.pem" 2>/dev/null
}
log "making the test PKI in $pki"
make_ca upstream-ca "Bench Upstream CA"
make_leaf server upstream-ca localhost serverAuth "DNS:localhost,IP:127.0.0.1"
make_ca client-ca "Bench Client CA"
make_leaf client client-ca bench-client clientAuth
make_ca squid-ca "Bench Squid Bump CA"
openssl pkcs12 -export -in "$pki/client.pem" -inkey "$pki/client.key" -out "$pki/client.p12" -passout pass:bench
chmod -R a+rX "$pki"

# The outbound load generator runs on the Netty, netty-tcnative and BouncyCastle classes of the Gatehouse jar; it
# is compiled once Gatehouse is built, below. C1 only: its code is as cheap per request here, and C2 compiling
# through a short measurement took a third of the generator's CPU (half of it with a new connection per request).
load() {
    timeout $((warmup + duration + 60)) java -XX:TieredStopAtLevel=1 -Dio.netty.leakDetection.level=disabled \
        -cp "$repo/target/gatehouse.jar:$work/classes" ProxyLoad "$@"
}

# ---------------------------------------------------------------------------------------------------------------
# Upstream: nginx over HTTPS demanding a client certificate of the client CA, and its plain-HTTP twin for "direct".

up_tls="$(free_port)"; up_plain="$(free_port)"; up_fresh="$(free_port)"
mkdir -p "$work/www" "$work/up"
head -c 1048576 /dev/urandom > "$work/www/1m.bin"
printf 'ok\n' > "$work/www/small"
chmod -R a+rX "$work/www"
temp_paths() { # nginx writes nowhere outside the work directory
    local d="$1"
    echo "client_body_temp_path $d/body; proxy_temp_path $d/proxy; fastcgi_temp_path $d/fcgi;"
    echo "uwsgi_temp_path $d/uwsgi; scgi_temp_path $d/scgi;"
}
cat > "$work/up/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $work/up/nginx.pid;
error_log $work/up/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    $(temp_paths "$work/up")
    keepalive_timeout 120s;
    keepalive_requests 10000000;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$up_tls ssl;
        ssl_certificate $pki/server.pem;
        ssl_certificate_key $pki/server.key;
        ssl_client_certificate $pki/client-ca.pem;
        ssl_verify_client on;
        root $work/www;
        location = /small { default_type text/plain; return 200 "ok\n"; }
    }
    server {
        # The same, closing every connection after its answer: each proxied request needs a new mTLS handshake.
        listen 127.0.0.1:$up_fresh ssl;
        keepalive_timeout 0;
        ssl_certificate $pki/server.pem;
        ssl_certificate_key $pki/server.key;
        ssl_client_certificate $pki/client-ca.pem;
        ssl_verify_client on;
        ssl_session_cache off;
        ssl_session_tickets off;
        location = /small { default_type text/plain; return 200 "ok\n"; }
    }
    server {
        listen 127.0.0.1:$up_plain;
        root $work/www;
        location = /small { default_type text/plain; return 200 "ok\n"; }
    }
}
EOF
log "starting the upstream nginx on 127.0.0.1:$up_tls (mTLS), :$up_fresh (mTLS, no keep-alive), :$up_plain (plain)"
nginx -e "$work/up/error.log" -p "$work/up" -c "$work/up/nginx.conf" &
pids+=($!)
wait_port "$up_tls" 10
curl -sf --cacert "$pki/upstream-ca.pem" --cert "$pki/client.pem" --key "$pki/client.key" \
    "https://localhost:$up_tls/small" >/dev/null
if curl -s -o /dev/null --cacert "$pki/upstream-ca.pem" "https://localhost:$up_tls/small" -w '%{http_code}' \
    | grep -q '^200$'; then
    echo "the upstream answered without a client certificate" >&2; exit 1
fi

# ---------------------------------------------------------------------------------------------------------------
# Gatehouse: build, serve on free ports with a temporary data directory, then vault, credential, route, certs.

log "building Gatehouse (mvn -o package, skipping tests) if needed"
(cd "$repo" && timeout 900 ./gatehouse --help >/dev/null)
javac -cp "$repo/target/gatehouse.jar" -d "$work/classes" "$here/ProxyLoad.java"
start_gatehouse() { # data-dir; sets gh_pid gh_admin gh_in gh_out
    gh_admin="$(free_port)"; gh_in="$(free_port)"; gh_out="$(free_port)"
    local gh_ins gh_outs
    gh_ins="$(free_port)"; gh_outs="$(free_port)"
    "$repo/gatehouse" serve --data-dir "$1" --upstream-ca "$pki/upstream-ca.pem" \
        --admin-address "127.0.0.1:$gh_admin" --inbound-http-address "127.0.0.1:$gh_in" \
        --inbound-https-address "127.0.0.1:$gh_ins" --outbound-address "127.0.0.1:$gh_out" \
        --outbound-tls-address "127.0.0.1:$gh_outs" >"$1.log" 2>&1 &
    gh_pid=$!
    pids+=("$gh_pid")
}
gh() { GATEHOUSE_ADMIN_URL="http://127.0.0.1:$gh_admin" GATEHOUSE_DATA_DIR="$gh_data" timeout 120 "$repo/gatehouse" "$@"; }
json_id() { sed -n 's/^  "id" : "\(.*\)",$/\1/p'; }

gh_data="$work/gatehouse-data"
start_gatehouse "$gh_data"
log "starting Gatehouse (pid $gh_pid), admin :$gh_admin, inbound :$gh_in, outbound :$gh_out"
wait_port "$gh_out" 60
wait_port "$gh_admin" 60
vault="$(gh vaults create bench --json | json_id)"
gh credentials create --vault "$vault" --description bench --json > "$work/credential.json"
credential="$(json_id < "$work/credential.json")"
gh_user="$(sed -n 's/.*"username" *: *"\([^"]*\)".*/\1/p' "$work/credential.json")"
gh_pass="$(sed -n 's/.*"password" *: *"\([^"]*\)".*/\1/p' "$work/credential.json")"
route="$(gh routes create --vault "$vault" --upstream "https://localhost:$up_tls" --path-prefix / --json | json_id)"
gh certs add --vault "$vault" --credential "$credential" --cert "$pki/client.pem" --key "$pki/client.key" >/dev/null
gh certs add --vault "$vault" --route "$route" --cert "$pki/client.pem" --key "$pki/client.key" >/dev/null
# A second vault whose route leads to the upstream that closes every connection.
fresh_vault="$(gh vaults create bench-fresh --json | json_id)"
fresh_route="$(gh routes create --vault "$fresh_vault" --upstream "https://localhost:$up_fresh" --path-prefix / \
    --json | json_id)"
gh certs add --vault "$fresh_vault" --route "$fresh_route" --cert "$pki/client.pem" --key "$pki/client.key" >/dev/null
sleep 1
curl -sf -H "Host: $vault.localhost" "http://127.0.0.1:$gh_in/small" | grep -q ok
curl -sf -H "Host: $fresh_vault.localhost" "http://127.0.0.1:$gh_in/small" | grep -q ok
curl -sf -x "http://$gh_user:$gh_pass@127.0.0.1:$gh_out" --cacert "$gh_data/outbound-ca.pem" \
    "https://localhost:$up_tls/small" | grep -q ok
log "Gatehouse proxies answer: vault $vault, route $route, credential $credential"

# ---------------------------------------------------------------------------------------------------------------
# Peers: nginx reverse proxy (mTLS to the upstream, keepalive pool) and squid ssl-bump (mTLS to the upstream).

ngx_port="$(free_port)"; ngx_fresh="$(free_port)"
mkdir -p "$work/ngx"
ngx_location() { # upstream-block upstream-port: nginx's mTLS reverse proxying, as Gatehouse's inbound proxy does it
    cat <<EOL
        location / {
            proxy_pass https://$1;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host localhost:$2;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Host \$http_host;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_buffering off;
            proxy_ssl_server_name on;
            proxy_ssl_name localhost;
            proxy_ssl_certificate $pki/client.pem;
            proxy_ssl_certificate_key $pki/client.key;
            proxy_ssl_verify on;
            proxy_ssl_trusted_certificate $pki/upstream-ca.pem;
            proxy_ssl_session_reuse on;
        }
EOL
}
cat > "$work/ngx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $work/ngx/nginx.pid;
error_log $work/ngx/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    $(temp_paths "$work/ngx")
    keepalive_timeout 120s;
    keepalive_requests 10000000;
    upstream partner {
        server 127.0.0.1:$up_tls;
        keepalive 256;
        keepalive_requests 10000000;
    }
    upstream partner_fresh {
        server 127.0.0.1:$up_fresh;
        keepalive 256;
    }
    server {
        listen 127.0.0.1:$ngx_port;
$(ngx_location partner "$up_tls")
    }
    server {
        listen 127.0.0.1:$ngx_fresh;
$(ngx_location partner_fresh "$up_fresh")
    }
}
EOF
nginx -e "$work/ngx/error.log" -p "$work/ngx" -c "$work/ngx/nginx.conf" &
ngx_pid=$!
pids+=("$ngx_pid")
wait_port "$ngx_port" 10
curl -sf "http://127.0.0.1:$ngx_port/small" | grep -q ok
curl -sf "http://127.0.0.1:$ngx_fresh/small" | grep -q ok
log "nginx reverse proxy (pid $ngx_pid) on :$ngx_port"

squid_port="$(free_port)"
squid_user=bench
squid_pass="$(openssl rand -hex 12)"
mkdir -p "$work/squid"
printf '%s:%s\n' "$squid_user" "$(openssl passwd -apr1 "$squid_pass")" > "$work/squid/passwd"
"$certgen" -c -s "$work/squid/ssl_db" -M 16MB >/dev/null
chown -R proxy:proxy "$work/squid"
cat > "$work/squid/squid.conf" <<EOF
$( (( squid_workers > 1 )) && echo "workers $squid_workers")
http_port 127.0.0.1:$squid_port ssl-bump generate-host-certificates=on dynamic_cert_mem_cache_size=16MB tls-cert=$pki/squid-ca.pem tls-key=$pki/squid-ca.key
sslcrtd_program $certgen -s $work/squid/ssl_db -M 16MB
sslcrtd_children 5
ssl_bump bump all
tls_outgoing_options cert=$pki/client.pem key=$pki/client.key cafile=$pki/upstream-ca.pem
auth_param basic program $ncsa $work/squid/passwd
auth_param basic children 2
auth_param basic credentialsttl 2 hours
acl bench_users proxy_auth REQUIRED
http_access allow localhost bench_users
http_access deny all
cache deny all
cache_mem 8 MB
access_log none
cache_log $work/squid/cache.log
pid_filename $work/squid/squid.pid
coredump_dir $work/squid
cache_effective_user proxy
server_persistent_connections on
client_persistent_connections on
pconn_timeout 120 seconds
max_filedescriptors 16384
shutdown_lifetime 1 second
EOF
if [[ "$squid_workers" -gt 1 ]]; then
    # SMP: a master, N workers sharing the port, a coordinator, each with its own certificate and auth helpers. Its
    # shared memory (/dev/shm) and IPC sockets (/run/squid) are named after the service name, unique to this run.
    squid_service="ghbench$$"
    install -d -o proxy -g proxy /var/run/squid
    squid -n "$squid_service" --foreground -f "$work/squid/squid.conf" >"$work/squid/stdout.log" 2>&1 &
else
    squid -N -f "$work/squid/squid.conf" >"$work/squid/stdout.log" 2>&1 &
fi
squid_pid=$!
pids+=("$squid_pid")
wait_port "$squid_port" 30
curl -sf -x "http://$squid_user:$squid_pass@127.0.0.1:$squid_port" --cacert "$pki/squid-ca.pem" \
    "https://localhost:$up_tls/small" | grep -q ok
log "squid ssl-bump (pid $squid_pid, $squid_workers worker(s)) on :$squid_port"

# ---------------------------------------------------------------------------------------------------------------
# Measurements

results="$work/results.tsv"
: > "$results"
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; }

record() { # scenario system pid result-line cpu-ticks
    local requests errors rps p50 p99 cpu rss
    requests="$(field requests "$4")"; errors="$(field errors "$4")"
    if [[ -n "$(field rps "$4")" ]]; then
        rps="$(field rps "$4")"; p50="$(field p50_ms "$4")"; p99="$(field p99_ms "$4")"
    else
        rps="$(awk -v r="$requests" -v d="$(field duration_us "$4")" 'BEGIN {printf "%.1f", r / (d / 1e6)}')"
        p50="$(awk -v v="$(field p50_us "$4")" 'BEGIN {printf "%.3f", v / 1000}')"
        p99="$(awk -v v="$(field p99_us "$4")" 'BEGIN {printf "%.3f", v / 1000}')"
    fi
    if [[ "$3" == - ]]; then
        cpu=-; rss=-
    else
        cpu="$(awk -v t="$5" -v hz="$hz" -v n="$requests" 'BEGIN {printf "%.3f", (n > 0) ? t / hz / n * 1000 : 0}')"
        rss="$(awk -v k="$(peak_rss_kib "$3")" 'BEGIN {printf "%.0f", k / 1024}')"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$rps" "$p50" "$p99" "$cpu" "$rss" "$errors" >> "$results"
    log "  $1 $2: $rps req/s, p50 $p50 ms, p99 $p99 ms, cpu $cpu s/1k, peak rss $rss MiB, errors $errors"
}

measure() { # scenario system pid(or -) command...; warm-up run, then the measured run with CPU before/after
    local scenario="$1" system="$2" pid="$3" before after out
    shift 3
    log "$scenario / $system"
    measured_pids=-
    [[ "$pid" != - ]] && measured_pids="$(tree "$pid" | paste -sd, -)"
    if [[ "$1" == java_run ]]; then # one JVM: it warms up, then samples the proxy's CPU around its measured window
        out="$("$@" "$duration" 2>"$work/last-stderr.log" | grep '^RESULT' || true)"
        before=0; after="$(field cpu_ticks "$out")"; after="${after:-0}"
    else
        "$@" "$warmup" >/dev/null 2>&1 || true
        before=0; [[ "$pid" != - ]] && before="$(cpu_ticks "$pid")"
        out="$("$@" "$duration" 2>"$work/last-stderr.log" | grep '^RESULT' || true)"
        after=0; [[ "$pid" != - ]] && after="$(cpu_ticks "$pid")"
    fi
    if [[ -z "$out" ]]; then
        log "  $scenario $system: no result ($(head -c 300 "$work/last-stderr.log"))"
        printf '%s\t%s\t-\t-\t-\t-\t-\tfailed\n' "$scenario" "$system" >> "$results"
        return
    fi
    record "$scenario" "$system" "$pid" "$out" $((after - before))
}

# Load generators; the last argument is the duration in seconds.
wrk_run() { # connections path extra-header... duration
    local c="$1" url="$2"; shift 2
    local args=("$@")
    local d="${args[-1]}"; unset 'args[-1]'
    local threads=2; (( c < 2 )) && threads=1
    timeout $((d + 30)) wrk -t"$threads" -c"$c" -d"${d}s" --timeout 10s -s "$here/wrk-report.lua" "${args[@]}" "$url"
}
java_run() { # connections url extra-args... duration
    local c="$1" url="$2"; shift 2
    local args=("$@")
    local d="${args[-1]}"; unset 'args[-1]'
    load --url "$url" --connections "$c" --warmup "$warmup" --duration "$d" --cpu-pids "$measured_pids" "${args[@]}"
}

upstream_url="https://localhost:$up_tls"
gh_out_args=(--proxy "127.0.0.1:$gh_out" --user "$gh_user" --password "$gh_pass" --trust "$gh_data/outbound-ca.pem")
squid_args=(--proxy "127.0.0.1:$squid_port" --user "$squid_user" --password "$squid_pass" --trust "$pki/squid-ca.pem")
direct_args=(--trust "$pki/upstream-ca.pem" --client-cert "$pki/client.pem" --client-key "$pki/client.key")

run_pair() { # scenario connections path [wrk-header-args...] -- [java-args...]
    # pair_vault, pair_ngx and pair_upstream, when set, point the pair at the upstream that closes every connection.
    local scenario="$1" c="$2" path="$3"; shift 3
    local in_vault="${pair_vault:-$vault}" in_ngx="${pair_ngx:-$ngx_port}" out_url="${pair_upstream:-$upstream_url}"
    local wrk_extra=() java_extra=()
    while [[ $# -gt 0 && "$1" != -- ]]; do wrk_extra+=("$1"); shift; done
    [[ $# -gt 0 ]] && shift
    java_extra=("$@")
    measure "$scenario inbound" gatehouse "$gh_pid" \
        wrk_run "$c" "http://127.0.0.1:$gh_in$path" -H "Host: $in_vault.localhost" "${wrk_extra[@]}"
    measure "$scenario inbound" nginx "$ngx_pid" wrk_run "$c" "http://127.0.0.1:$in_ngx$path" "${wrk_extra[@]}"
    measure "$scenario inbound" direct - wrk_run "$c" "http://127.0.0.1:$up_plain$path" "${wrk_extra[@]}"
    measure "$scenario outbound" gatehouse "$gh_pid" \
        java_run "$c" "$out_url$path" "${gh_out_args[@]}" "${java_extra[@]}"
    measure "$scenario outbound" squid "$squid_pid" \
        java_run "$c" "$out_url$path" "${squid_args[@]}" "${java_extra[@]}"
    measure "$scenario outbound" direct - java_run "$c" "$out_url$path" "${direct_args[@]}" "${java_extra[@]}"
}

if [[ "$jvm_warmup" -gt 0 && "$scenarios" != none ]]; then
    # A JVM compiles its hot paths during the first seconds under load; measure Gatehouse at steady state, as nginx
    # and squid (native code) are from their first request. Unmeasured.
    log "warming Gatehouse up: $jvm_warmup s inbound, then $jvm_warmup s outbound (not measured)"
    measured_pids=-
    wrk_run "$connections" "http://127.0.0.1:$gh_in/small" -H "Host: $vault.localhost" "$jvm_warmup" >/dev/null 2>&1 || true
    java_run "$connections" "$upstream_url/small" "${gh_out_args[@]}" "$jvm_warmup" >/dev/null 2>&1 || true
fi

for s in ${scenarios//,/ }; do
    case "$s" in
        keepalive) run_pair "keepalive-small c$connections" "$connections" /small ;;
        large) run_pair "1MiB c$large_connections" "$large_connections" /1m.bin ;;
        newconn) run_pair "new-conn-per-req c$connections" "$connections" /small -H "Connection: close" \
            -- --new-connection ;;
        fresh) pair_vault="$fresh_vault" pair_ngx="$ngx_fresh" pair_upstream="https://localhost:$up_fresh" \
            run_pair "new-conn+upstream-handshake c$connections" "$connections" /small -H "Connection: close" \
            -- --new-connection ;;
        c200) run_pair "keepalive-small c$many_connections" "$many_connections" /small ;;
        none) ;;
        *) log "unknown scenario $s (known: keepalive, large, newconn, fresh, c200, none)" ;;
    esac
done

# ---------------------------------------------------------------------------------------------------------------
# Certificates loaded: N credentials with one certificate each, then a restart: time to ready, RSS at rest, the
# first request through each proxy with the new process, a short inbound load, and the peak RSS under it.

certs_results="$work/certs.tsv"
: > "$certs_results"
first_request_ms() { # curl-args...: one request's total time in ms, or "failed"
    local t
    t="$(timeout 30 curl -sf -o /dev/null -w '%{time_total}' "$@")" || { echo failed; return; }
    awk -v t="$t" 'BEGIN {printf "%.0f", t * 1000}'
}
timed_start() { # certificates-in-store load-seconds: start the node on $gh_data, time it to ready, then measure it
    local n="$1" loaded="$2" start_ns ready_port="" ready_health="" rss first_out="-" first_in="-" rps="-" hwm
    local out cuser cpass
    start_ns="$(date +%s%N)"
    start_gatehouse "$gh_data"
    api="http://127.0.0.1:$gh_admin/api/v1"
    export api
    for _ in $(seq 1 1200); do
        if [[ -z "$ready_port" && -n "$(ss -Htln "( sport = :$gh_out )")" ]]; then
            ready_port="$(( ($(date +%s%N) - start_ns) / 1000000 ))"
        fi
        if [[ -z "$ready_health" ]] && curl -sf "http://127.0.0.1:$gh_admin/healthz" >/dev/null 2>&1; then
            ready_health="$(( ($(date +%s%N) - start_ns) / 1000000 ))"
        fi
        [[ -n "$ready_port" && -n "$ready_health" ]] && break
        sleep 0.05
    done
    wait_port "$gh_in" 30 || true
    sleep 2
    rss="$(awk -v k="$(peak_rss_kib "$gh_pid")" 'BEGIN {printf "%.0f", k / 1024}')"
    if [[ -s "$work/many/last-credential" ]]; then # the newest of the N credentials, first request of this process
        read -r cuser cpass < "$work/many/last-credential"
        first_out="$(first_request_ms -x "http://$cuser:$cpass@127.0.0.1:$gh_out" --cacert "$gh_data/outbound-ca.pem" \
            "https://localhost:$up_tls/small")"
        first_in="$(first_request_ms -H "Host: $cvault.localhost" "http://127.0.0.1:$gh_in/small")"
        out="$(timeout 60 wrk -t2 -c"$connections" -d10s --timeout 10s -s "$here/wrk-report.lua" \
            -H "Host: $cvault.localhost" "http://127.0.0.1:$gh_in/small" 2>/dev/null | grep '^RESULT' || true)"
        [[ -n "$out" ]] && rps="$(awk -v r="$(field requests "$out")" -v d="$(field duration_us "$out")" \
            'BEGIN {printf "%.0f", r / (d / 1e6)}')"
    fi
    hwm="$(awk -v k="$(peak_rss_kib "$gh_pid")" 'BEGIN {printf "%.0f", k / 1024}')"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$loaded" "${ready_port:-timeout}" "${ready_health:-timeout}" \
        "$rss" "$first_out" "$first_in" "$rps" "$hwm" >> "$certs_results"
    log "  $n certificates: outbound port open after ${ready_port:-?} ms, healthz after ${ready_health:-?} ms," \
        "RSS $rss MiB; first request outbound $first_out ms, inbound $first_in ms; inbound c$connections" \
        "$rps req/s, peak RSS under load $hwm MiB"
}
if [[ "$certs" != 0 ]]; then
    # One node, filled up to each N in turn; a restart measures the node with all of them in its store.
    gh_data="$work/gatehouse-certs"
    cvault=""
    timed_start 0 -
    api="http://127.0.0.1:$gh_admin/api/v1"
    token="$(cat "$gh_data/admin-token")"
    auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
    cvault="$(curl -sf "${auth[@]}" -d '{"name":"certs"}' "$api/vaults" | sed 's/.*"id":"\([^"]*\)".*/\1/')"
    # Inbound: a route of the certs vault with its certificate, so the inbound load runs in the loaded vault.
    croute="$(curl -sf "${auth[@]}" -d "{\"pathPrefix\":\"/\",\"upstream\":\"https://localhost:$up_tls\"}" \
        "$api/vaults/$cvault/routes" | sed 's/.*"id":"\([^"]*\)".*/\1/')"
    pem_json() { awk '{printf "%s\\n", $0}' "$1"; }
    curl -sf -o /dev/null "${auth[@]}" "$api/vaults/$cvault/certificates" -d "{\"proxyType\":\"INBOUND\",\
\"routeId\":\"$croute\",\"certificate\":\"$(pem_json "$pki/client.pem")\",\"privateKey\":\"$(pem_json "$pki/client.key")\"}"
    mkdir -p "$work/many"
    ec "$work/many/leaf.key"
    openssl pkey -in "$work/many/leaf.key" -pubout -out "$work/many/leaf.pub"
    javac -cp "$repo/target/gatehouse.jar" -d "$work/classes" "$here/CertLoad.java"
    have=0
    for n in ${certs//,/ }; do
        log "certificates: loading up to $n through the admin API (credential + certificate each, 4 in parallel)"
        t0=$SECONDS
        timeout 1800 java -cp "$repo/target/gatehouse.jar:$work/classes" CertLoad "$api" "$token" "$cvault" \
            $((have + 1)) "$n" "$pki/client-ca.pem" "$pki/client-ca.key" "$work/many/leaf.key" "$work/many/leaf.pub" 4 \
            "$work/many/last-credential" > "$work/many/load-$n.txt" || {
            log "  loading $n certificates did not finish: $(tail -c 300 "$work/many/load-$n.txt")"; break; }
        have="$n"
        log "  loaded in $((SECONDS - t0)) s ($(cat "$work/many/load-$n.txt")); restarting the node"
        kill -TERM "$gh_pid"; wait "$gh_pid" 2>/dev/null || true
        timed_start "$n" "$(field seconds "$(cat "$work/many/load-$n.txt")")"
    done
fi

# ---------------------------------------------------------------------------------------------------------------
# The table

{
    echo "Gatehouse vs nginx (inbound) and squid (outbound); $duration s per measurement after $warmup s warm-up"
    echo "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
    echo
    awk -F'\t' '
        { key[NR] = $1; sys[NR] = $2; line[NR] = $0; rps[$1 "|" $2] = $3; p99[$1 "|" $2] = $5 }
        function ratio(a, b) { return (a == "-" || b == "-" || b + 0 == 0) ? "-" : sprintf("%.2f", a / b) }
        END {
            printf "| %-32s | %-9s | %10s | %8s | %8s | %11s | %9s | %6s | %13s | %13s | %15s |\n",
                "scenario", "system", "req/s", "p50 ms", "p99 ms", "CPU s/1k req", "peak RSS", "errors",
                "GH/peer req/s", "GH/peer p99", "GH/direct req/s"
            print "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
            for (i = 1; i <= NR; i++) {
                split(line[i], f, "\t")
                peer = (key[i] ~ /inbound/) ? "nginx" : "squid"
                r1 = "-"; r2 = "-"; r3 = "-"
                if (sys[i] == "gatehouse") {
                    r1 = ratio(f[3], rps[key[i] "|" peer]); r2 = ratio(f[5], p99[key[i] "|" peer])
                    r3 = ratio(f[3], rps[key[i] "|direct"])
                }
                rss = (f[7] == "-") ? "-" : f[7] " MiB"
                printf "| %-32s | %-9s | %10s | %8s | %8s | %11s | %9s | %6s | %13s | %13s | %15s |\n",
                    f[1], f[2], f[3], f[4], f[5], f[6], rss, f[8], r1, r2, r3
            }
        }' "$results"
    if [[ -s "$certs_results" ]]; then
        echo
        echo "| certificates (credentials) | loaded in | uploads/s | outbound port open | /healthz answers |" \
            "RSS at rest | first outbound request | first inbound request | inbound c$connections req/s (10 s) |" \
            "peak RSS under load |"
        echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        awk -F'\t' '
            function u(v, unit) { return (v == "-" || v == "failed" || v == "timeout") ? v : v " " unit }
            {
                rate = ($2 == "-" || $2 + 0 == 0) ? "-" : sprintf("%.1f", ($1 - prev) / $2); prev = $1
                printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, u($2, "s"), rate,
                    u($3, "ms"), u($4, "ms"), u($5, "MiB"), u($6, "ms"), u($7, "ms"), $8, u($9, "MiB")
            }' "$certs_results"
    fi
} | tee "$work/results.txt"
