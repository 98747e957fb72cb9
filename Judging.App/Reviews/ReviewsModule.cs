namespace Judging.App.Reviews;

using Judging.App.Accounts;
using Judging.Domain.Reviews;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Online expert review (线上评审, issues 4 and 5): film preliminary and case first review. Tables, services and endpoints,
/// wired into the app by one call each.
/// <list type="bullet">
/// <item><c>/expert</c>: an expert's assigned entries with 未评/草稿/已提交 (<c>Expert/MyReviews.razor</c>); judges of an online round land here.</item>
/// <item><c>/expert/review/{roundId}/{entryId}</c>: the entry (film player or case document) and the sheet with comments, drafts, submit.</item>
/// <item><c>/organiser/review/{roundId}</c>: assignment, progress, reminder list, results with normalisation and outliers.</item>
/// <item><c>/chief/review/{roundId}</c>: the outliers for the chief judge.</item>
/// <item><c>GET|PUT /api/reviews/{roundId}/entries/{entryId}/draft</c>: the signed-in expert's draft <c>{points, comments, savedAt}</c>;
/// PUT answers 200, or 409 <c>{error}</c> in Chinese. <c>GET /api/reviews/{roundId}/mine</c>: <c>[{entryId, code, title, status}]</c>.</item>
/// <item>Cards go through <c>POST /api/scores</c> with an optional <c>comments</c> array (one per criterion).</item>
/// </list>
/// </summary>
public static class ReviewsModule
{
    /// <summary>Adds the review tables to the model (called from <c>JudgingDb.OnModelCreating</c>).</summary>
    public static void ConfigureModel(ModelBuilder b)
    {
        b.Entity<ReviewAssignment>(e =>
        {
            e.ToTable("ReviewAssignments");
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.RoundId, x.EntryId, x.JudgeId });
        });
        b.Entity<ReviewDraft>(e =>
        {
            e.ToTable("ReviewDrafts");
            e.Property(x => x.IdempotencyKey).HasMaxLength(64);
            e.HasIndex(x => new { x.RoundId, x.EntryId, x.JudgeId }).IsUnique();
        });
        b.Entity<ScoreComment>(e =>
        {
            e.ToTable("ScoreComments");
            e.Property(x => x.Text).HasMaxLength(ScoreComment.MaxLength);
            e.HasOne(x => x.Record).WithMany().HasForeignKey(x => x.ScoreRecordId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ScoreRecordId, x.CriterionOrder }).IsUnique();
        });
        b.Entity<ReviewSettings>(e =>
        {
            e.ToTable("ReviewSettings");
            e.HasKey(x => x.RoundId);
        });
    }

    /// <summary>Registers <see cref="ReviewService"/>.</summary>
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddScoped<ReviewService>();
        return services;
    }

    /// <summary>A draft as sent and returned by the draft endpoints: points (null where not given) and comments per criterion.</summary>
    public sealed record DraftBody(IReadOnlyList<decimal?> Points, IReadOnlyList<string?>? Comments);

    /// <summary>Maps the experts' draft and list endpoints (signed-in judge cookie).</summary>
    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reviews").RequireAuthorization(p => p.RequireRole(Roles.Judge));
        api.MapGet("/{roundId:int}/entries/{entryId:int}/draft", async (int roundId, int entryId, HttpContext http, ReviewService reviews, CancellationToken ct) =>
        {
            if (http.User.JudgeId() is not { } judgeId) return Results.Unauthorized();
            var sheet = await reviews.LoadSheetAsync(judgeId, roundId, entryId, ct);
            if (sheet.Error is not null) return Results.NotFound(new { error = sheet.Error });
            return sheet.DraftSavedAt is null
                ? Results.NotFound(new { error = "没有草稿" })
                : Results.Ok(new { points = sheet.Points, comments = sheet.Comments, savedAt = sheet.DraftSavedAt });
        });
        api.MapPut("/{roundId:int}/entries/{entryId:int}/draft", async (int roundId, int entryId, DraftBody body, HttpContext http, ReviewService reviews, CancellationToken ct) =>
        {
            if (http.User.JudgeId() is not { } judgeId) return Results.Unauthorized();
            var (error, savedAt) = await reviews.SaveDraftAsync(judgeId, roundId, entryId, body.Points, body.Comments, ct);
            return error is null ? Results.Ok(new { savedAt }) : Results.Conflict(new { error });
        });
        api.MapGet("/{roundId:int}/mine", async (int roundId, HttpContext http, ReviewService reviews, CancellationToken ct) =>
        {
            if (http.User.JudgeId() is not { } judgeId) return Results.Unauthorized();
            var mine = await reviews.MyEntriesAsync(judgeId, roundId, ct);
            return Results.Ok(mine.Select(m => new { m.EntryId, m.Code, m.Title, status = ReviewService.StatusName(m.Status) }));
        });
        app.MapReviewsApi();
        return app;
    }
}

/// <summary>Helpers the scoring path uses for online rounds (kept here so <c>ScoringService</c> changes by a few lines).</summary>
public static class ReviewCards
{
    /// <summary>
    /// Null when a case may be scored in its online first review, else the reason (zh-CN as text; word it with <c>Wordings</c>): the formal review runs beside it
    /// (seed 000: 初审 = 形式审查 + 专家在线初评), so a case without a document or returned for revision waits for its
    /// (re)submission. Other tracks and rounds: always null.
    /// </summary>
    public static async Task<Judging.Domain.Competitions.Wording?> CaseNotReadyAsync(Persistence.JudgingDb db, Judging.Domain.LiveRounds.Round round, int entryId, CancellationToken ct)
    {
        if (!round.Online || round.Track != Judging.Domain.Competitions.Track.InnovationCase) return null;
        return (await CaseStatusesAsync(db, [entryId], ct))[entryId] switch
        {
            Judging.Domain.Cases.FormalReviewStatus.AwaitingDocument => Judging.Domain.Competitions.Wording.Of("该案例尚未提交文档，暂不能评审"),
            Judging.Domain.Cases.FormalReviewStatus.Returned => Judging.Domain.Competitions.Wording.Of("该案例已退回修改，待单位重新提交后再评审"),
            _ => null,
        };
    }

    /// <summary>True for a formal-review status whose case experts do not get yet: no document, or returned for revision.</summary>
    public static bool WaitsForFormalReview(Judging.Domain.Cases.FormalReviewStatus s) =>
        s is Judging.Domain.Cases.FormalReviewStatus.AwaitingDocument or Judging.Domain.Cases.FormalReviewStatus.Returned;

    /// <summary>The formal-review status of each of <paramref name="entryIds"/> from its append-only records, in one query.</summary>
    public static async Task<IReadOnlyDictionary<int, Judging.Domain.Cases.FormalReviewStatus>> CaseStatusesAsync(Persistence.JudgingDb db,
        IReadOnlyCollection<int> entryIds, CancellationToken ct)
    {
        var ids = entryIds.ToArray();
        var steps = (await db.Set<Judging.Domain.Cases.FormalReviewRecord>().AsNoTracking().Where(r => ids.Contains(r.EntryId)).OrderBy(r => r.Id).ToListAsync(ct))
            .ToLookup(r => r.EntryId);
        return ids.Distinct().ToDictionary(id => id, id => Judging.Domain.Cases.FormalReview.StatusOf(steps[id]));
    }

    /// <summary>True when <paramref name="judgeId"/> is currently assigned <paramref name="entryId"/> in <paramref name="roundId"/> (latest row).</summary>
    public static async Task<bool> IsAssignedAsync(Persistence.JudgingDb db, int roundId, int entryId, int judgeId, CancellationToken ct) =>
        await db.Set<ReviewAssignment>().AsNoTracking()
            .Where(a => a.RoundId == roundId && a.EntryId == entryId && a.JudgeId == judgeId)
            .OrderByDescending(a => a.Id).Select(a => (bool?)a.Assigned).FirstOrDefaultAsync(ct) == true;

    /// <summary>Experts currently assigned per entry of <paramref name="roundId"/>; null when the round has no assignment rows at all.</summary>
    public static async Task<IReadOnlyDictionary<int, int>?> AssignedPerEntryAsync(Persistence.JudgingDb db, int roundId, CancellationToken ct)
    {
        var current = await ReviewService.CurrentPairsAsync(db, roundId, ct);
        if (current is null) return null;
        return current.GroupBy(p => p.EntryId).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>
    /// The comments of a card: a factory of <see cref="ScoreComment"/> rows for the score writer (fresh rows per commit
    /// attempt, each pointing at the record), or a Chinese error. Null texts and blanks are left out; at most one per criterion,
    /// each at most <see cref="ScoreComment.MaxLength"/> characters.
    /// </summary>
    public static (Func<ScoreRecord, IEnumerable<object>>? Rows, string? Error) Comments(IReadOnlyList<string?>? texts, int criteria)
    {
        if (texts is null || texts.All(string.IsNullOrWhiteSpace)) return (null, null);
        if (texts.Count > criteria) return (null, $"评语数量不符：最多 {criteria} 条，收到 {texts.Count} 条");
        if (texts.Any(t => t is not null && t.Trim().Length > ScoreComment.MaxLength)) return (null, $"每条评语不超过 {ScoreComment.MaxLength} 字");
        var kept = texts.Select((t, i) => (Text: t?.Trim(), Order: i + 1)).Where(t => !string.IsNullOrEmpty(t.Text)).ToList();
        return (r => kept.Select(t => (object)new ScoreComment { Record = r, CriterionOrder = t.Order, Text = t.Text! }), null);
    }
}
