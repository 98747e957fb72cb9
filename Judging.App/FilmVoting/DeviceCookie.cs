namespace Judging.App.FilmVoting;

using System.Security.Cryptography;

/// <summary>
/// A device's random id in a cookie (128 bits as 32 lowercase hex; HttpOnly, SameSite=Lax, one year), set on first use:
/// the second signal beside a voter's identity, for the public film vote (<c>judging.device</c>) and the venue's
/// audience vote (<c>judging.voter</c>, path <c>/vote</c>).
/// </summary>
public static class DeviceCookie
{
    /// <summary>The id in cookie <paramref name="name"/> of the request, or null when absent or malformed.</summary>
    public static string? Read(HttpContext http, string name) =>
        http.Request.Cookies.TryGetValue(name, out var v) && v is { Length: 32 } && v.All(char.IsAsciiHexDigitLower) ? v : null;

    /// <summary>The id in cookie <paramref name="name"/>; when absent, a new one is set on the response for <paramref name="path"/>.</summary>
    public static string Ensure(HttpContext http, string name, string path)
    {
        if (Read(http, name) is { } id) return id;
        id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        http.Response.Cookies.Append(name, id, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = path,
            MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
        return id;
    }
}
