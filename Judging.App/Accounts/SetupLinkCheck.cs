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

/// <summary>The first-run link as the setup page (<c>/setup/{token}</c>) asks about it, one context per call.</summary>
public sealed class SetupLinks(IDbContextFactory<JudgingDb> factory)
{
    /// <summary>True when <paramref name="token"/> is the current unclaimed setup token and no organiser exists yet (<see cref="SetupLinkCheck.IsUsableAsync"/>).</summary>
    public async Task<bool> IsUsableAsync(string? token, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await SetupLinkCheck.IsUsableAsync(db, token, ct);
    }
}
