namespace Judging.App.FilmVoting;

using System.Collections.Concurrent;
using System.Text.Json;
using Judging.App.Persistence;
using Judging.Domain.Scoring;
using Judging.Domain.FilmVoting;
using Microsoft.EntityFrameworkCore;

/// <summary>A competition's voting settings in force: rules, fraud thresholds, and who saved them (null: defaults).</summary>
/// <param name="Rules">Window and quota.</param>
/// <param name="Fraud">Burst detector thresholds.</param>
/// <param name="SavedBy">The organiser who saved them, or null for the defaults.</param>
/// <param name="SavedAt">When saved, or null.</param>
public sealed record VotingSettings(VotingRules Rules, FraudThresholds Fraud, string? SavedBy, DateTimeOffset? SavedAt)
{
    /// <summary>Always open, one vote per film per day, 60 s / 10 min / 20 votes.</summary>
    public static VotingSettings Default { get; } = new(VotingRules.Default, FraudThresholds.Default, null, null);
}

/// <summary>
/// The voting settings of each competition, cached in memory (the vote writer reads them per vote) and saved as
/// append-only <see cref="VotingSettingsRecord"/> rows with an audit entry. Until an organiser saves settings a
/// competition uses <see cref="VotingSettings.Default"/> (always open: the page says so).
/// </summary>
public sealed class VotingSettingsStore(IDbContextFactory<JudgingDb> factory, TimeProvider clock, Microsoft.Extensions.Options.IOptions<VotingOptions> options,
    LiveRounds.ILiveEvents events, Microsoft.Extensions.Localization.IStringLocalizer<Wordings> W)
{
    private readonly VotingSettings defaults = VotingSettings.Default with
    {
        Fraud = new FraudThresholds(options.Value.Fraud.WindowSeconds, options.Value.Fraud.NewIdentityMinutes, options.Value.Fraud.Threshold, options.Value.Fraud.DevicePhones),
    };

    /// <summary>The settings of a competition without saved ones: always open, one vote per film per day, thresholds from <c>Judging:Voting:Fraud</c>.</summary>
    public VotingSettings Defaults => defaults;

    private readonly ConcurrentDictionary<int, VotingSettings> cache = new();
    private volatile bool loaded;
    private readonly SemaphoreSlim loadGate = new(1, 1);

    /// <summary>Loads the latest settings of every competition (once; later calls return at once).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        if (loaded) return;
        await loadGate.WaitAsync(ct);
        try
        {
            if (loaded) return;
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await db.Set<VotingSettingsRecord>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
            foreach (var r in rows) cache[r.CompetitionId] = FromRecord(r);
            loaded = true;
        }
        finally { loadGate.Release(); }
    }

    /// <summary>The settings in force for <paramref name="competitionId"/> (call <see cref="LoadAsync"/> first).</summary>
    public VotingSettings Get(int competitionId) => cache.TryGetValue(competitionId, out var s) ? s : defaults;

    /// <summary>Saves new settings (append-only, audited); returns the problems in the UI culture, empty when saved.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(int competitionId, VotingRules rules, FraudThresholds fraud, string actor, CancellationToken ct)
    {
        var problems = rules.Validate().Concat(fraud.Validate()).Select(p => W.Word(p)!).ToList();
        if (problems.Count > 0) return problems;
        await LoadAsync(ct);
        var now = clock.GetUtcNow();
        var before = Get(competitionId);
        var record = new VotingSettingsRecord
        {
            CompetitionId = competitionId, OpensAtMs = rules.OpensAt?.ToUnixTimeMilliseconds(), ClosesAtMs = rules.ClosesAt?.ToUnixTimeMilliseconds(),
            QuotaKind = (int)rules.Quota.Kind, PerDay = rules.Quota.PerDay, WindowSeconds = fraud.WindowSeconds,
            NewIdentityMinutes = fraud.NewIdentityMinutes, Threshold = fraud.Threshold, SavedBy = actor, SavedAtMs = now.ToUnixTimeMilliseconds(),
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Add(record);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now, Actor = actor, Action = "网络投票设置", Subject = $"competition {competitionId}",
            Before = Describe(before), After = Describe(FromRecord(record)),
        });
        await db.SaveChangesAsync(ct);
        cache[competitionId] = FromRecord(record);
        // Other instances (the vote writer may be one of them) reload the settings.
        await events.PublishAsync(new LiveRounds.VotingSettingsChanged(competitionId), ct);
        return [];
    }

    /// <summary>One line for the audit log: window, quota, thresholds.</summary>
    public static string Describe(VotingSettings s) => JsonSerializer.Serialize(new
    {
        window = s.Rules.WindowText(), quota = s.Rules.Quota.Kind.ToString(), perDay = s.Rules.Quota.PerDay,
        s.Fraud.WindowSeconds, s.Fraud.NewIdentityMinutes, s.Fraud.Threshold,
    }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) });

    // Phones per device is a setting of the deployment (Judging:Voting:Fraud:DevicePhones), not saved per competition.
    private VotingSettings FromRecord(VotingSettingsRecord r) => new(
        new VotingRules(
            r.OpensAtMs is { } o ? DateTimeOffset.FromUnixTimeMilliseconds(o) : null,
            r.ClosesAtMs is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
            new VoteQuota((QuotaKind)r.QuotaKind, r.PerDay)),
        new FraudThresholds(r.WindowSeconds, r.NewIdentityMinutes, r.Threshold, options.Value.Fraud.DevicePhones),
        r.SavedBy, DateTimeOffset.FromUnixTimeMilliseconds(r.SavedAtMs));
}

/// <summary>Reloads <see cref="VotingSettingsStore"/> when another instance saved settings (<see cref="LiveRounds.VotingSettingsChanged"/>).</summary>
internal sealed class VotingSettingsSync(LiveRounds.ILiveEvents events, VotingSettingsStore store, ILogger<VotingSettingsSync> log) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = events.Subscribe(async e =>
        {
            if (e is not LiveRounds.VotingSettingsChanged) return;
            try { await store.LoadAsync(CancellationToken.None); }
            catch (Exception ex) { log.LogWarning("Reloading the voting settings failed: {Message}", ex.Message); }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
