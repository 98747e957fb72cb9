namespace Judging.App.VenueVoting;

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

/// <summary>
/// A voter's device: a random 128-bit token in a cookie (<c>judging.voter</c>, HttpOnly, SameSite=Lax, path
/// <c>/vote</c>, one year) set on the first visit of a vote page. Only its SHA-256 is stored with a vote.
/// Also the other facts kept with a vote: the client's network prefix and user agent.
/// </summary>
public static class VoterDevice
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "judging.voter";

    /// <summary>Characters of user agent kept with a vote.</summary>
    public const int UserAgentMaxLength = 256;

    /// <summary>The device token of the request (32 lowercase hex characters), or null when absent or malformed.</summary>
    public static string? Token(HttpContext http) => FilmVoting.DeviceCookie.Read(http, CookieName);

    /// <summary>The device token of the request; when absent, issues a new one and sets the cookie on the response.</summary>
    public static string Ensure(HttpContext http) => FilmVoting.DeviceCookie.Ensure(http, CookieName, "/vote");

    /// <summary>Hex SHA-256 (64 uppercase characters) of a device token: what the database keeps.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>The client's network, not its address: IPv4 /24 ("203.0.113.0/24"), IPv6 /48 ("2001:db8:1::/48"); "unknown" when absent.</summary>
    public static string IpPrefix(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return $"{new IPAddress(bytes)}/24";
        }
        for (var i = 6; i < bytes.Length; i++) bytes[i] = 0;
        return $"{new IPAddress(bytes)}/48";
    }

    /// <summary>The request's User-Agent cut to <see cref="UserAgentMaxLength"/> characters ("" when absent).</summary>
    public static string UserAgent(HttpContext http)
    {
        var ua = http.Request.Headers.UserAgent.ToString();
        return ua.Length <= UserAgentMaxLength ? ua : ua[..UserAgentMaxLength];
    }
}
