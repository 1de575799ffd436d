#!/usr/bin/env bash
# Makes sure the local PostgreSQL and MariaDB that JDBC sources and their tests use are running
# on loopback (Debian packages; started the way this machine's image starts them), and creates
# the sample world's databases. Idempotent.
set -euo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
maria_up() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -uroot ping >/dev/null 2>&1; }

if ! pg_up; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "databases: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
fi
if ! maria_up; then
  if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then
    echo "databases: starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  fi
  for _ in $(seq 1 30); do maria_up && break; sleep 1; done
fi

pg_up || { echo "databases: PostgreSQL is not answering on 127.0.0.1:5432; install it (apt-get install postgresql) and allow trust or password login for user postgres" >&2; exit 1; }
maria_up || { echo "databases: MariaDB is not answering on 127.0.0.1:3306; install it (apt-get install mariadb-server) with root allowed from 127.0.0.1" >&2; exit 1; }
# Creates a PostgreSQL database unless it exists.
pg_create() {
  psql -q -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1 \
    || psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $1" >/dev/null
}
# The sample world's operational databases (demo and tests); `bluelamp generate` creates tables.
for db in bluelamp_world bluelamp_world_test bluelamp_world_unit bluelamp_world_trend bluelamp_world_hotspot; do
  pg_create "$db"
  mariadb --protocol=tcp -h 127.0.0.1 -P 3306 -uroot -e "CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb4"
done
# The catalog of `bluelamp metastore` (the Hive metastore Spark and Trino may share): PostgreSQL.
for db in bluelamp_metastore bluelamp_metastore_test; do
  pg_create "$db"
done
# Trino's query audit (its MySQL event listener writes trino_queries there): the demo's and the tests'.
# Written and read as its own account, bluelamp_audit, with a password made once and kept owner-only
# in ~/.config/bluelamp/audit.password, which connections.properties names; never as root.
secrets="$HOME/.config/bluelamp"
mkdir -p "$secrets"
chmod 700 "$secrets"
password_file="$secrets/audit.password"
if [ ! -s "$password_file" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$password_file")
fi
chmod 600 "$password_file"
password=$(cat "$password_file")
for db in bluelamp_audit bluelamp_audit_test; do
  mariadb --protocol=tcp -h 127.0.0.1 -P 3306 -uroot -e "CREATE DATABASE IF NOT EXISTS $db CHARACTER SET utf8mb4"
done
for host in 127.0.0.1 localhost; do
  mariadb --protocol=tcp -h 127.0.0.1 -P 3306 -uroot -e "
    CREATE USER IF NOT EXISTS 'bluelamp_audit'@'$host' IDENTIFIED BY '$password';
    ALTER USER 'bluelamp_audit'@'$host' IDENTIFIED BY '$password';
    GRANT ALL PRIVILEGES ON bluelamp_audit.* TO 'bluelamp_audit'@'$host';
    GRANT ALL PRIVILEGES ON bluelamp_audit_test.* TO 'bluelamp_audit'@'$host';"
done
echo "databases: PostgreSQL and MariaDB are up on loopback (databases bluelamp_world, bluelamp_world_test, bluelamp_world_unit, bluelamp_world_trend, bluelamp_world_hotspot; metastore: bluelamp_metastore, bluelamp_metastore_test; audit: bluelamp_audit, bluelamp_audit_test as user bluelamp_audit, password in $password_file)"
