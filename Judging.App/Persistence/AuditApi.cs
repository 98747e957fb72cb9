namespace Judging.App.Persistence;

using Judging.App.Api;
using static Judging.App.Api.OrganiserApi;

/// <summary>
/// The audit log as JSON (issue 12: what the organiser's page shows, for scripts and partners who check a competition),
/// organiser only, through the same <see cref="AuditLog.PageAsync"/> as <c>/organiser/audit</c>: one page at a time,
/// sorted and filtered in the database, so a log of 100,000 entries costs one count and one page per request
/// (<c>bench/lists</c> measures it). Conventions and refusals: <see cref="OrganiserApi"/>.
/// </summary>
public static class AuditApi
{
    /// <summary>One audit entry: <c>at</c> is UTC (ISO 8601); before, after and reason may be null.</summary>
    /// <param name="Id">Its number; entries are only appended, so ids follow time.</param>
    /// <param name="At">When (UTC).</param>
    /// <param name="Actor">Who (操作人), e.g. "组织者 俞琳", "评委会主任 PW-01".</param>
    /// <param name="Action">What (操作), e.g. "解锁评分".</param>
    /// <param name="Subject">On what (对象).</param>
    /// <param name="Before">The state before, or null.</param>
    /// <param name="After">The state after, or null.</param>
    /// <param name="Reason">The reason written (原因), or null.</param>
    public sealed record AuditEntryDto(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? Before, string? After, string? Reason);

    /// <summary>A page of the log and how many entries match in all.</summary>
    /// <param name="Page">The page (0-based).</param>
    /// <param name="Size">Rows per page, as clamped (1–500).</param>
    /// <param name="Total">Entries matching <c>q</c> and the filters.</param>
    /// <param name="Rows">The page's entries.</param>
    public sealed record AuditPageDto(int Page, int Size, int Total, IReadOnlyList<AuditEntryDto> Rows);

    /// <summary>Maps <c>GET /api/audit</c>.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireStaff("Audit");
        api.MapGet("/audit", async (AuditLog log, CancellationToken ct, int? page, int? size, string? sort, bool? desc, string? q,
            string? actor, string? action, string? subject, string? reason) =>
        {
            var by = sort is null ? AuditField.At : ParseEnum<AuditField>(sort);
            if (by is null) return BadRequest("排序字段须为 At、Actor、Action、Subject 或 Reason");
            if (page is < 0) return BadRequest("页码从 0 开始");
            var filters = new (AuditField Field, string? Text)[] { (AuditField.Actor, actor), (AuditField.Action, action), (AuditField.Subject, subject), (AuditField.Reason, reason) }
                .Where(f => !string.IsNullOrEmpty(f.Text)).Select(f => new AuditFilter(f.Field, f.Text!)).ToList();
            var query = new AuditQuery(page ?? 0, size ?? 50, by.Value, desc ?? true, q, filters);
            var result = await log.PageAsync(query, ct);
            return Results.Ok(new AuditPageDto(query.Page, Math.Clamp(query.PageSize, 1, 500), result.Total,
                result.Rows.Select(a => new AuditEntryDto(a.Id, a.At, a.Actor, a.Action, a.Subject, a.Before, a.After, a.Reason)).ToList()));
        })
        .WithSummary("A page of the audit log (newest first by default): ?page=0&size=50 (1–500), sort=At|Actor|Action|Subject|Reason, desc=true|false, " +
            "q= (any of actor, action, subject, reason holds it), actor=, action=, subject=, reason= (the column holds it)")
        .Produces<AuditPageDto>().ProducesRefusals();
        return app;
    }
}
