"""What several web and worker instances must share, chosen from the environment (issue 22).

Files (``storages["default"]``: packages, print PDFs, import uploads, attachments):
    STORAGE_URL unset or ``file:///path`` — the local disk (MEDIA_ROOT, or that path): one
        machine, or a disk every instance mounts;
    ``s3://bucket/prefix`` — an S3-compatible bucket through django-storages; the endpoint
        (AWS_S3_ENDPOINT_URL: MinIO, Ceph, OSS, COS, or moto on loopback in tests), region
        (AWS_S3_REGION_NAME) and keys (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) come from
        the environment as boto3 reads them.
Cache (and with it the cached part of sessions): REDIS_URL (``redis://127.0.0.1:6379/0``)
    makes it Redis, shared by every instance; unset, each process keeps its own, which is
    right for one process only. Sessions are rows in the database either way (cached_db with
    Redis), so a clerk signed in on one instance is signed in on all.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured


def file_storage() -> dict[str, Any]:
    url = os.environ.get("STORAGE_URL", "")
    parsed = urlparse(url)
    if not url:  # MEDIA_ROOT, read when used (tests move it)
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if parsed.scheme == "file":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": parsed.path},
        }
    if parsed.scheme != "s3" or not parsed.netloc:
        raise ImproperlyConfigured(f"STORAGE_URL {url!r}: file:///path or s3://bucket/prefix")
    options: dict[str, Any] = {
        "bucket_name": parsed.netloc,
        "location": parsed.path.strip("/"),
        # Names are unique (digest + batch, job, uuid): a save never meets an object to keep.
        "file_overwrite": True,
        "default_acl": None,
        "querystring_auth": True,
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
    ):
        if os.environ.get(variable):
            options[option] = os.environ[variable]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def caches() -> dict[str, Any]:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            # One Redis may serve several installations (or test runs): keys are theirs.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "rebate"),
        }
    }


def session_engine() -> str:
    redis = bool(os.environ.get("REDIS_URL"))
    return (
        "django.contrib.sessions.backends.cached_db"
        if redis
        else "django.contrib.sessions.backends.db"
    )
