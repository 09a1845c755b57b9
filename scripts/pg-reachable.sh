#!/usr/bin/env bash
# Exit 0 when the PostgreSQL server of the URL answers; creates the test database if missing.
url="$1"
base="${url%/*}/postgres"
command -v psql >/dev/null 2>&1 || exit 1
psql "$base" -Atqc "select 1" >/dev/null 2>&1 || exit 1
db="${url##*/}"
psql "$base" -Atqc "select 1 from pg_database where datname='$db'" | grep -q 1 \
  || psql "$base" -qc "create database \"$db\"" >/dev/null
