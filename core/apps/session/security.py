"""The session server's guards: secret links and cookies, CSRF, headers, and rate limits.

Links carry tokens of 256 bits; the journal keeps only their digests. A browser that follows a
link gets the token back as an HttpOnly cookie and the link's token leaves the address bar.
Every state-changing request must carry a CSRF token derived from the cookie, which another
site cannot read, and come from this server's own origin.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from attrs import define, field

# No inline script or style anywhere: every asset is served from the package.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # links carry tokens: never pass them on
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def csrf_for(cookie_token: str) -> str:
    return hashlib.sha256(b"csrf:" + cookie_token.encode("utf-8")).hexdigest()


def csrf_ok(cookie_token: str, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(csrf_for(cookie_token), sent or "")


def same_token(token: str, digest: str) -> bool:
    return hmac.compare_digest(hashlib.sha256(token.encode("utf-8")).hexdigest(), digest)


@define
class Bucket:
    """A token bucket: `capacity` at once, refilled at `rate` a second."""

    capacity: float
    rate: float
    level: float = field(default=-1.0)
    at: float = field(factory=time.monotonic)

    def take(self) -> bool:
        now = time.monotonic()
        if self.level < 0:
            self.level = self.capacity
        self.level = min(self.capacity, self.level + (now - self.at) * self.rate)
        self.at = now
        if self.level >= 1:
            self.level -= 1
            return True
        return False


@define
class Limits:
    """Rate limits per key (a participant, or the address a join comes from)."""

    capacity: float
    rate: float
    buckets: dict[str, Bucket] = field(factory=dict)

    def allow(self, key: str) -> bool:
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) > 10_000:  # forget the idle, so memory stays bounded
                self.buckets.clear()
            bucket = self.buckets[key] = Bucket(self.capacity, self.rate)
        return bucket.take()
