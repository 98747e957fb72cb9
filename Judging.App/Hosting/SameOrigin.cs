namespace Judging.App.Hosting;

/// <summary>
/// Same-origin check for state-changing endpoints that a browser could be made to call from another page (issue 10,
/// item 10: a page on a sibling subdomain is "same-site", so the organiser's SameSite=Lax cookie goes along). A request
/// passes when a present <c>Origin</c> header names this host (scheme ignored: a TLS proxy may sit in front; behind a
/// proxy the host comes from <c>X-Forwarded-Host</c> of a <c>Judging:KnownProxies</c> address) and a present
/// <c>Sec-Fetch-Site</c> is <c>same-origin</c> or <c>none</c>. Browsers send <c>Origin</c> on every cross-origin POST, so
/// only a non-browser client (no cookie to steal) goes without it.
/// </summary>
public static class SameOrigin
{
    /// <summary>True when <paramref name="request"/> comes from this app's own pages (or from a non-browser client).</summary>
    public static bool Allows(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.IsDefaultPort ? uri.Host : uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
