namespace Judging.App.Accounts;

/// <summary>An organiser's account (name and password hash). Judges sign in by code, not here.</summary>
public sealed class UserAccount
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format.</summary>
    public required string PasswordHash { get; set; }
    /// <summary>One of <see cref="Roles"/>.</summary>
    public required string Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The one-time first-run link (SHA-256 of the token; the token itself is only printed).</summary>
public sealed class SetupToken
{
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>Role names of cookie authentication.</summary>
public static class Roles
{
    public const string Organiser = "Organiser";
    public const string ChiefJudge = "ChiefJudge";
    public const string Judge = "Judge";
    /// <summary>Claim type carrying the judge's id for Judge and ChiefJudge principals.</summary>
    public const string JudgeIdClaim = "judging:judge-id";
}
