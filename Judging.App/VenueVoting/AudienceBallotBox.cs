namespace Judging.App.VenueVoting;

using Judging.App.LiveRounds;
using Judging.App.Persistence;
using Judging.Domain.VenueVoting;
using Judging.Domain.LiveRounds;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

/// <summary>One vote from a phone: the question, the entry chosen (null when none), and who sent it.</summary>
/// <param name="QuestionId">The vote.</param>
/// <param name="EntryId">The chosen entry, or null.</param>
/// <param name="DeviceHash">Hex SHA-256 of the device cookie (<see cref="VoterDevice.Hash"/>).</param>
/// <param name="ClientIpPrefix">The client's network (<see cref="VoterDevice.IpPrefix"/>).</param>
/// <param name="UserAgent">The browser's User-Agent, at most 256 characters.</param>
public sealed record Ballot(int QuestionId, int? EntryId, string DeviceHash, string ClientIpPrefix, string UserAgent);

/// <summary>What a phone's vote page shows: the vote, its candidates, and this voter's vote if any.</summary>
/// <param name="Question">The vote.</param>
/// <param name="CompetitionName">e.g. 2025上海市质量品牌故事大赛.</param>
/// <param name="Candidates">The finalists in running order.</param>
/// <param name="VotedEntryId">The entry this voter (device, ballot card or phone, by the question's assurance) voted for, or null.</param>
public sealed record BallotPage(AudienceQuestion Question, string CompetitionName, IReadOnlyList<AudienceCandidate> Candidates, int? VotedEntryId);

/// <summary>
/// Takes votes from phones under <see cref="VoteRule"/>: one per device per question (also unique in the
/// database, so two racing posts store one), only while open, only for a candidate. A stored vote is
/// announced as <see cref="AudienceVoteChanged"/> after the commit.
/// </summary>
public sealed class AudienceBallotBox(JudgingDb db, AudienceTallyService tallies, ILiveEvents events, TimeProvider clock)
{
    /// <summary>
    /// The vote page of <paramref name="questionId"/> for the voter whose key <paramref name="voterKey"/> gives (from the
    /// question: a device hash, ballot key or phone key; null when not known yet), or null when there is no such vote.
    /// </summary>
    public async Task<BallotPage?> GetPageAsync(int questionId, Func<AudienceQuestion, string?> voterKey, CancellationToken ct)
    {
        var q = await db.Set<AudienceQuestion>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == questionId, ct);
        if (q is null) return null;
        var name = await db.Set<Judging.Domain.Competitions.Competition>().AsNoTracking().Where(c => c.Id == q.CompetitionId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        var key = voterKey(q);
        var voted = key is null ? null : await db.Set<AudienceVote>().AsNoTracking().Where(v => v.QuestionId == questionId && v.DeviceHash == key)
            .Select(v => (int?)v.EntryId).FirstOrDefaultAsync(ct);
        return new BallotPage(q, name, await tallies.CandidatesAsync(q.RoundId, ct), voted);
    }

    /// <summary>The assurance of <paramref name="questionId"/>, or null when there is no such vote.</summary>
    public Task<VoteAssurance?> AssuranceAsync(int questionId, CancellationToken ct) =>
        db.Set<AudienceQuestion>().AsNoTracking().Where(x => x.Id == questionId).Select(x => (VoteAssurance?)x.Assurance).FirstOrDefaultAsync(ct);

    /// <summary>True when <paramref name="key"/> (<see cref="BallotCodes.Key"/>) is one of the question's issued cards.</summary>
    public Task<bool> IsIssuedAsync(int questionId, string key, CancellationToken ct) =>
        db.Set<AudienceBallot>().AsNoTracking().AnyAsync(b => b.QuestionId == questionId && b.CodeHash == key, ct);

    /// <summary>Casts <paramref name="ballot"/>; returns what became of it (never throws for a refusal).</summary>
    public async Task<VoteOutcome> CastAsync(Ballot ballot, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        try
        {
            // On SQLite the transaction takes the write lock at once (BEGIN IMMEDIATE), so the checks and the
            // insert see no other writer; on PostgreSQL the no-op update below locks the question's row, so the
            // organiser's close waits for this vote (and this vote sees the close) — no vote lands after closing.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var q = await db.Set<AudienceQuestion>().AsNoTracking().Where(x => x.Id == ballot.QuestionId)
                .Select(x => new { x.Status, x.RoundId }).FirstOrDefaultAsync(ct);
            if (q is null) return VoteOutcome.NoSuchQuestion;
            var status = q.Status;
            if (status == QuestionStatus.Open && await db.Set<AudienceQuestion>()
                    .Where(x => x.Id == ballot.QuestionId && x.Status == QuestionStatus.Open)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version), ct) == 0)
                status = QuestionStatus.Closed;
            var candidates = await db.Set<RoundEntry>().AsNoTracking().Where(re => re.RoundId == q.RoundId).Select(re => re.EntryId).ToListAsync(ct);
            var voted = await db.Set<AudienceVote>().AnyAsync(v => v.QuestionId == ballot.QuestionId && v.DeviceHash == ballot.DeviceHash, ct);
            var outcome = VoteRule.Check(status, voted, ballot.EntryId, candidates);
            if (outcome != VoteOutcome.Accepted) return outcome;
            db.Add(new AudienceVote
            {
                QuestionId = ballot.QuestionId, EntryId = ballot.EntryId!.Value, DeviceHash = ballot.DeviceHash, At = clock.GetUtcNow(),
                ClientIpPrefix = ballot.ClientIpPrefix, UserAgent = ballot.UserAgent,
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (question, device) index refused a racing second vote from this device.
            db.ChangeTracker.Clear();
            if (await db.Set<AudienceVote>().AnyAsync(v => v.QuestionId == ballot.QuestionId && v.DeviceHash == ballot.DeviceHash, ct))
                return VoteOutcome.AlreadyVoted;
            throw;
        }
        await events.PublishAsync(new AudienceVoteChanged(ballot.QuestionId), ct);
        return VoteOutcome.Accepted;
    }
}

/// <summary>The vote post: <c>POST /vote/{questionId}/ballot</c>.</summary>
public static class BallotEndpoint
{
    /// <summary>The form field with the chosen entry's id (absent when nothing was chosen).</summary>
    public const string EntryField = "EntryId";

    /// <summary>The form field with the ballot card's code (ballot-code questions).</summary>
    public const string BallotField = "Ballot";

    /// <summary>
    /// Maps the vote post. Form field <c>EntryId</c> plus the antiforgery token of the vote page; the voter is, by the
    /// question's <see cref="VoteAssurance"/> (issue 10, item 3): the ballot card's code in field <c>Ballot</c>, the phone
    /// verified in the voter cookie, or the <see cref="VoterDevice"/> cookie (device-cookie questions are also limited to
    /// <see cref="AudienceVoteOptions.DeviceCookieVotesPerMinutePerAddress"/> posts per address a minute). Always answers
    /// with a redirect to <c>/vote/{questionId}?r=code</c> (<see cref="VoteMessages"/>; with <c>&amp;b=code</c> for a
    /// ballot card): ok, dup, used, phonedup, closed, pick, none, device, ballot, badcode, phone, expired (antiforgery
    /// failed), busy (rate limit).
    /// </summary>
    public static void MapBallotEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/vote/{questionId:int}/ballot", async (int questionId, HttpContext http, IAntiforgery antiforgery, AudienceBallotBox box,
            AudienceFloodGuard guard, FilmVoting.VoterCookie voters, CancellationToken ct) =>
        {
            VoteOutcome outcome;
            string? card = null;
            if (!await antiforgery.IsRequestValidAsync(http)) outcome = VoteOutcome.PageExpired;
            else if (await box.AssuranceAsync(questionId, ct) is not { } assurance) outcome = VoteOutcome.NoSuchQuestion;
            else
            {
                var form = await http.Request.ReadFormAsync(ct);
                int? entryId = int.TryParse(form[EntryField].ToString(), out var e) ? e : null;
                card = assurance == VoteAssurance.BallotCode ? BallotCodes.Normalise(form[BallotField].ToString()) : null;
                var (key, refusal) = await VoterKeyAsync(assurance, card);
                outcome = refusal ?? VoteMessages.For(await box.CastAsync(new Ballot(questionId, entryId, key!,
                    VoterDevice.IpPrefix(http.Connection.RemoteIpAddress), VoterDevice.UserAgent(http)), ct), assurance);
            }
            // The page chose its language by ?culture= (issue 12): the redirect keeps it.
            var back = Components.Pages.Public.PublicCulture.Keep(http, $"/vote/{questionId}?r={VoteMessages.Code(outcome)}");

            // The voter's key by the question's assurance, or why there is none.
            async Task<(string? Key, VoteOutcome? Refusal)> VoterKeyAsync(VoteAssurance assurance, string? code)
            {
                switch (assurance)
                {
                    case VoteAssurance.BallotCode:
                        if (string.IsNullOrEmpty(code)) return (null, VoteOutcome.NoBallot);
                        var key = BallotCodes.Key(questionId, code);
                        return code.Length <= 32 && await box.IsIssuedAsync(questionId, key, ct) ? (key, null) : (null, VoteOutcome.BadBallot);
                    case VoteAssurance.Phone:
                        return voters.Read(http.Request.Cookies[FilmVoting.VoterCookie.Name]) is { } voter
                            ? (BallotCodes.VoterKey(voter.VoterId), null) : (null, VoteOutcome.NoPhone);
                    default:
                        if (!guard.Admit(questionId, http.Connection.RemoteIpAddress?.ToString() ?? "unknown")) return (null, VoteOutcome.TooFrequent);
                        return VoterDevice.Token(http) is { } token ? (VoterDevice.Hash(token), null) : (null, VoteOutcome.NoDevice);
                }
            }
            if (!string.IsNullOrEmpty(card) && card.Length <= 32) back += "&b=" + Uri.EscapeDataString(card);
            return Results.Redirect(back);
        })
        // Validated above, so a stale page gets a message instead of a bare 400.
        .DisableAntiforgery()
        .RequireRateLimiting(AudienceVoteRateLimitPolicy.Name);
    }
}
