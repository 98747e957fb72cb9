namespace Judging.App.Persistence;

using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>Columns of the audit log that can be sorted and filtered.</summary>
public enum AuditField
{
    /// <summary>When (sorted by the entry's id, which follows time: entries are only appended).</summary>
    At,
    /// <summary>操作人.</summary>
    Actor,
    /// <summary>操作.</summary>
    Action,
    /// <summary>对象.</summary>
    Subject,
    /// <summary>原因.</summary>
    Reason,
}

/// <summary>A filter on one text column: the column holds (<paramref name="Exact"/> false) or equals the text.</summary>
/// <param name="Field">The column (not <see cref="AuditField.At"/>).</param>
/// <param name="Text">The text, compared as stored (case-sensitive in SQLite for non-ASCII anyway).</param>
/// <param name="Exact">Equals rather than contains.</param>
public sealed record AuditFilter(AuditField Field, string Text, bool Exact = false);

/// <summary>One page of the audit log asked for.</summary>
/// <param name="Page">0-based page.</param>
/// <param name="PageSize">Rows per page, 1–500.</param>
/// <param name="SortBy">Sort column (default: time).</param>
/// <param name="Descending">Newest first by default.</param>
/// <param name="Search">Text that any of actor, action, subject or reason holds, or null.</param>
/// <param name="Filters">Column filters, all of which must hold.</param>
public sealed record AuditQuery(int Page, int PageSize, AuditField SortBy = AuditField.At, bool Descending = true, string? Search = null, IReadOnlyList<AuditFilter>? Filters = null);

/// <summary>One page of the audit log and how many entries match in all.</summary>
/// <param name="Rows">The entries of the page.</param>
/// <param name="Total">Entries matching the search and filters.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Rows, int Total);

/// <summary>
/// The audit log (<c>/organiser/audit</c>) read a page at a time, sorted and filtered in the database, so a log of
/// 100,000 entries costs one count and one page per request. One context per call.
/// </summary>
public sealed class AuditLog(IDbContextFactory<JudgingDb> factory)
{
    /// <summary>The page asked for; <see cref="AuditQuery.PageSize"/> is clamped to 1–500.</summary>
    public async Task<AuditPage> PageAsync(AuditQuery q, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var s = q.Search.Trim();
            rows = rows.Where(a => a.Actor.Contains(s) || a.Action.Contains(s) || a.Subject.Contains(s) || (a.Reason != null && a.Reason.Contains(s)));
        }
        foreach (var f in q.Filters ?? [])
        {
            if (string.IsNullOrEmpty(f.Text)) continue;
            var t = f.Text;
            rows = (f.Field, f.Exact) switch
            {
                (AuditField.Actor, false) => rows.Where(a => a.Actor.Contains(t)),
                (AuditField.Actor, true) => rows.Where(a => a.Actor == t),
                (AuditField.Action, false) => rows.Where(a => a.Action.Contains(t)),
                (AuditField.Action, true) => rows.Where(a => a.Action == t),
                (AuditField.Subject, false) => rows.Where(a => a.Subject.Contains(t)),
                (AuditField.Subject, true) => rows.Where(a => a.Subject == t),
                (AuditField.Reason, false) => rows.Where(a => a.Reason != null && a.Reason.Contains(t)),
                (AuditField.Reason, true) => rows.Where(a => a.Reason == t),
                _ => rows,
            };
        }
        var total = await rows.CountAsync(ct);
        rows = (q.SortBy, q.Descending) switch
        {
            (AuditField.Actor, false) => rows.OrderBy(a => a.Actor).ThenByDescending(a => a.Id),
            (AuditField.Actor, true) => rows.OrderByDescending(a => a.Actor).ThenByDescending(a => a.Id),
            (AuditField.Action, false) => rows.OrderBy(a => a.Action).ThenByDescending(a => a.Id),
            (AuditField.Action, true) => rows.OrderByDescending(a => a.Action).ThenByDescending(a => a.Id),
            (AuditField.Subject, false) => rows.OrderBy(a => a.Subject).ThenByDescending(a => a.Id),
            (AuditField.Subject, true) => rows.OrderByDescending(a => a.Subject).ThenByDescending(a => a.Id),
            (AuditField.Reason, false) => rows.OrderBy(a => a.Reason).ThenByDescending(a => a.Id),
            (AuditField.Reason, true) => rows.OrderByDescending(a => a.Reason).ThenByDescending(a => a.Id),
            (_, false) => rows.OrderBy(a => a.Id),
            _ => rows.OrderByDescending(a => a.Id),
        };
        var size = Math.Clamp(q.PageSize, 1, 500);
        var page = await rows.Skip(Math.Max(q.Page, 0) * size).Take(size).ToListAsync(ct);
        return new AuditPage(page, total);
    }
}
