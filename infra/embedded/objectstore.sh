#!/usr/bin/env bash
# An S3-compatible object store on loopback, for trying the lake on object storage on one machine
# and for the object-store integration test: the moto server (Python; `pip install "moto[server]"`).
# It keeps objects in memory: stopping it loses them. For a store that keeps them, run MinIO or
# Ceph and point BLUELAMP_S3_ENDPOINT at it (docs/operations.md).
#
#   objectstore.sh start PORT RUN_DIR BUCKET...   starts it (if not running), creates the buckets
#   objectstore.sh stop RUN_DIR                    stops the one started with that RUN_DIR
#
# Then: BLUELAMP_S3_ENDPOINT=http://127.0.0.1:PORT AWS_ACCESS_KEY_ID=any AWS_SECRET_ACCESS_KEY=any \
#       BLUELAMP_LAKE=s3a://BUCKET/lake ./bluelamp run ...
set -euo pipefail

usage() {
  echo "usage: $0 start PORT RUN_DIR BUCKET... | stop RUN_DIR" >&2
  exit 2
}

# Waits for the store to answer, then creates each bucket (an S3 PUT on the bucket's path).
python_client() {
  python3 - "$@" <<'EOF'
import sys, time, urllib.error, urllib.request

endpoint, buckets = sys.argv[1], sys.argv[2:]
deadline = time.time() + 60
while True:
    try:
        urllib.request.urlopen(endpoint + "/", timeout=2).read()
        break
    except (urllib.error.URLError, ConnectionError, OSError):
        if time.time() > deadline:
            sys.exit(f"objectstore: no answer from {endpoint} after 60 s")
        time.sleep(0.5)
for bucket in buckets:
    request = urllib.request.Request(f"{endpoint}/{bucket}", method="PUT")
    try:
        urllib.request.urlopen(request, timeout=10).read()
    except urllib.error.HTTPError as error:
        if error.code != 409:  # 409: the bucket exists already
            sys.exit(f"objectstore: cannot create bucket {bucket}: HTTP {error.code}")
EOF
}

case "${1:-}" in
  start)
    [ $# -ge 3 ] || usage
    port="$2" run_dir="$3"
    shift 3
    mkdir -p "$run_dir"
    pid_file="$run_dir/objectstore.pid"
    if ! { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }; then
      python3 -c 'import moto.server' 2>/dev/null || {
        echo "objectstore: python3 has no moto server; install it with: pip install 'moto[server]'" >&2
        exit 1
      }
      nohup python3 -m moto.server -H 127.0.0.1 -p "$port" >"$run_dir/objectstore.log" 2>&1 &
      echo $! >"$pid_file"
    fi
    python_client "http://127.0.0.1:$port" "$@" || {
      echo "objectstore: see $run_dir/objectstore.log" >&2
      exit 1
    }
    echo "objectstore: http://127.0.0.1:$port (buckets: $*)"
    ;;
  stop)
    [ $# -eq 2 ] || usage
    pid_file="$2/objectstore.pid"
    if [ -f "$pid_file" ]; then
      kill "$(cat "$pid_file")" 2>/dev/null || true
      rm -f "$pid_file"
    fi
    ;;
  *) usage ;;
esac
