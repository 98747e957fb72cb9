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
    /// <summary>For role <see cref="Roles.Recommender"/>: the recommender (推荐单位) the account acts for; null otherwise.</summary>
    public int? RecommenderId { get; set; }
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
    /// <summary>A recommender's account (推荐单位专属账号, issue 15): name and password set through the organiser's sign-in link.</summary>
    public const string Recommender = "Recommender";
    /// <summary>A unit's contact signed in by mobile and SMS code (issue 15); <see cref="UnitIdClaim"/> names the unit once registered.</summary>
    public const string Unit = "Unit";
    /// <summary>Claim type carrying the unit's id of a <see cref="Unit"/> principal (absent before the unit registers).</summary>
    public const string UnitIdClaim = "judging:unit-id";
    /// <summary>Claim type carrying the verified mobile of a <see cref="Unit"/> principal.</summary>
    public const string MobileClaim = "judging:mobile";
    /// <summary>Claim type carrying the competition of a <see cref="Unit"/> principal.</summary>
    public const string CompetitionClaim = "judging:competition-id";
    /// <summary>Claim type carrying the recommender's id of a <see cref="Recommender"/> principal.</summary>
    public const string RecommenderIdClaim = "judging:recommender-id";
    /// <summary>Claim type carrying the judge's id for Judge and ChiefJudge principals.</summary>
    public const string JudgeIdClaim = "judging:judge-id";
}
