vcl 4.1;
# Varnish in front of the portal (docker-compose.yml, service "varnish").
#
# Caches what the portal's own page cache would cache for anonymous visitors: GET
# and HEAD without a session or messages cookie, answers without Set-Cookie or a
# private/no-store/no-cache Cache-Control. The portal purges through Wagtail's
# frontend cache (FRONTEND_CACHE_URL, apps/knowledge/portal/frontend.py):
#   PURGE /de/loesungen/x/  drops that address with any query string
#   PURGE /                 drops everything of that host
# Only the app's network may purge.

backend default {
    .host = "web";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.url == "/") {
            ban("req.http.host == " + req.http.host);
        } else {
            ban("req.http.host == " + req.http.host +
                " && req.url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?|$)");
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Only portal pages (/<language>/...); the admin, APIs and downloads pass.
    if (req.url !~ "^/[a-z]{2}/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.status == 200) {
        # Purged on publishing; the bound is the portal's own PORTAL_CACHE_SECONDS.
        set beresp.ttl = 10m;
    }
}

sub vcl_deliver {
    set resp.http.X-Varnish-Cache = (obj.hits > 0) ? "hit" : "miss";
}
