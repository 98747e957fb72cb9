namespace Judging.App.Recommendations;

using System.Security.Cryptography;
using Judging.App.Accounts;
using Judging.App.Persistence;
using Judging.App.Registration;
using Judging.Domain.Competitions;
using Judging.Domain.Scoring;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

/// <summary>The form of <c>POST /recommender/invite/{token}</c>: the user name and the password typed twice.</summary>
public sealed class InviteForm
{
    /// <summary>用户名, 3–40 characters.</summary>
    public string? UserName { get; set; }
    /// <summary>密码, at least 10 characters.</summary>
    public string? Password { get; set; }
    /// <summary>The password again.</summary>
    public string? Password2 { get; set; }

    /// <summary>The form's problem, or null when valid: name 3–40 characters, password at least 10 and typed the same twice.</summary>
    public static InviteProblem? Validate(InviteForm f)
    {
        if (string.IsNullOrWhiteSpace(f.UserName) || f.UserName.Trim().Length is < 3 or > 40) return InviteProblem.UserName;
        if (string.IsNullOrEmpty(f.Password) || f.Password.Length < 10) return InviteProblem.Password;
        if (f.Password != f.Password2) return InviteProblem.Mismatch;
        return null;
    }
}

/// <summary>Why an invite form was refused (the page words it: <c>?error=UserName</c> …).</summary>
public enum InviteProblem
{
    /// <summary>用户名须为 3–40 个字符.</summary>
    UserName,
    /// <summary>密码至少 10 个字符.</summary>
    Password,
    /// <summary>两次输入的密码不一致.</summary>
    Mismatch,
    /// <summary>The user name is taken.</summary>
    Taken,
    /// <summary>The link is used or unknown.</summary>
    LinkGone,
}

/// <summary>
/// The recommenders' sign-in links (专属账号, issue 15): the organiser issues a one-time link <c>/recommender/invite/{token}</c>
/// (only the token's SHA-256 is kept; a new link retires the recommender's unused ones; audited); whoever opens it first chooses
/// a user name and password, which creates the <see cref="UserAccount"/> (role <see cref="Roles.Recommender"/>). Scoped.
/// </summary>
public sealed class RecommenderInvites(JudgingDb db, TimeProvider clock)
{
    /// <summary>
    /// Issues a new link for <paramref name="recommenderId"/> and retires its unused ones, audited. Returns the token (shown
    /// once; only its hash is stored), or null when there is no such recommender.
    /// </summary>
    public async Task<string?> IssueAsync(int recommenderId, string actor, CancellationToken ct)
    {
        var rec = await db.Recommenders.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recommenderId, ct);
        if (rec is null) return null;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var retired = await db.Set<RecommenderInvite>().Where(i => i.RecommenderId == recommenderId && i.UsedAt == null).ExecuteDeleteAsync(ct);
        db.Add(new RecommenderInvite { TokenHash = SetupLink.Hash(token), RecommenderId = recommenderId, CreatedAt = now, CreatedBy = actor });
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "生成推荐单位登录链接", Subject = rec.Name, After = retired > 0 ? $"作废此前未使用的链接 {retired} 个" : null,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return token;
    }

    /// <summary>The recommender's name when <paramref name="token"/> is an unused link, else null.</summary>
    public async Task<string?> NameOfAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return null;
        var hash = SetupLink.Hash(token);
        return await (from i in db.Set<RecommenderInvite>().AsNoTracking()
                      where i.TokenHash == hash && i.UsedAt == null
                      join r in db.Recommenders on i.RecommenderId equals r.Id
                      select r.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Uses the link: claims it atomically (of two simultaneous requests only one changes the row), creates the account (role
    /// Recommender, display name the recommender's), records it on the link, audited. Returns the account, or the problem:
    /// the form's (<see cref="InviteForm.Validate"/>), a taken user name, or a used / unknown link.
    /// </summary>
    public async Task<(UserAccount? User, InviteProblem? Problem)> AcceptAsync(string token, InviteForm form, CancellationToken ct)
    {
        if (InviteForm.Validate(form) is { } bad) return (null, bad);
        if (string.IsNullOrEmpty(token) || token.Length > 200) return (null, InviteProblem.LinkGone);
        var hash = SetupLink.Hash(token);
        var userName = form.UserName!.Trim();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var invite = await db.Set<RecommenderInvite>().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash && i.UsedAt == null, ct);
        if (invite is null) return (null, InviteProblem.LinkGone);
        var lower = userName.ToLowerInvariant();
        if (await db.Users.AnyAsync(u => u.UserName.ToLower() == lower, ct)) return (null, InviteProblem.Taken);
        var claimed = await db.Set<RecommenderInvite>().Where(i => i.TokenHash == hash && i.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(i => i.UsedAt, now), ct);
        if (claimed != 1) return (null, InviteProblem.LinkGone);
        var rec = await db.Recommenders.AsNoTracking().FirstAsync(r => r.Id == invite.RecommenderId, ct);
        var user = new UserAccount { UserName = userName, DisplayName = rec.Name, PasswordHash = "", Role = Roles.Recommender, RecommenderId = rec.Id, CreatedAt = now };
        user.PasswordHash = new PasswordHasher<UserAccount>().HashPassword(user, form.Password!);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        await db.Set<RecommenderInvite>().Where(i => i.TokenHash == hash).ExecuteUpdateAsync(u => u.SetProperty(i => i.UserId, user.Id), ct);
        db.AuditEntries.Add(new AuditEntry { At = now, Actor = $"推荐单位 {rec.Name}", Action = "推荐单位开通账号", Subject = rec.Name, After = $"用户名 {userName}" });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (user, null);
    }
}
