namespace Judging.App.Accounts;

using Judging.App.Persistence;
using Microsoft.EntityFrameworkCore;

/// <summary>Whether a first-run link may still be used (issue 10, item 14: <c>/setup/{anything}</c> showed the form).</summary>
public static class SetupLinkCheck
{
    /// <summary>True when <paramref name="token"/> is the current unclaimed setup token and no organiser exists yet.</summary>
    public static async Task<bool> IsUsableAsync(JudgingDb db, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return false;
        var hash = SetupLink.Hash(token);
        return await db.SetupTokens.AsNoTracking().AnyAsync(t => t.TokenHash == hash && t.UsedAt == null, ct)
            && !await db.Users.AsNoTracking().AnyAsync(u => u.Role == Roles.Organiser, ct);
    }
}
