namespace Judging.App.FilmVoting;

using Judging.Domain.Competitions;
using Judging.App.Persistence;
using Judging.Domain.FilmVoting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

/// <summary>What the vote writer is told about a voter's device (issue 10, item 4).</summary>
/// <param name="Key">The device (cookie id) that verified the most phones among the voter's devices.</param>
/// <param name="Phones">How many different phones it verified.</param>
public readonly record struct DeviceSignal(string Key, int Phones);

/// <summary>
/// Which phones each device verified (issue 10, item 4: one device cookie verified 25 phones and all 25 votes counted).
/// Kept as append-only <see cref="DeviceVerification"/> rows and in memory (loaded on first use): a device verifies at
/// most <see cref="VotingOptions.VerificationsPerDevicePerDay"/> different phones per Shanghai day; for each vote,
/// <see cref="SignalOf"/> tells the vote writer the most phones any device of the voter verified, so that votes from a
/// device past <see cref="VotingOptions.FraudOptions.DevicePhones"/> are held in a device cluster. A voter's devices are
/// those it verified on and the one it votes from, so clearing the cookie after verifying does not escape. Singleton,
/// thread-safe; one app instance.
/// </summary>
public sealed class DevicePhones(IDbContextFactory<JudgingDb> factory, IOptions<VotingOptions> options, TimeProvider clock,
    Microsoft.Extensions.Localization.IStringLocalizer<DevicePhones> L)
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim loadGate = new(1, 1);
    private Dictionary<string, HashSet<long>>? voters;           // device → voters it verified
    private readonly Dictionary<long, HashSet<string>> devicesOf = []; // voter → devices it verified on
    private readonly Dictionary<(string Device, int Day), HashSet<long>> daily = [];

    private async Task EnsureLoadedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref voters) is not null) return;
        await loadGate.WaitAsync(ct);
        try
        {
            if (voters is not null) return;
            await using var db = await factory.CreateDbContextAsync(ct);
            var today = ShanghaiTime.Day(clock.GetUtcNow());
            var map = new Dictionary<string, HashSet<long>>();
            foreach (var r in await db.Set<DeviceVerification>().AsNoTracking().Select(r => new { r.DeviceId, r.VoterId, r.Day }).ToListAsync(ct))
            {
                lock (gate) Add(map, r.DeviceId, r.VoterId, r.Day == today ? today : null);
            }
            Volatile.Write(ref voters, map);
        }
        finally { loadGate.Release(); }
    }

    private void Add(Dictionary<string, HashSet<long>> map, string device, long voter, int? day)
    {
        (map.TryGetValue(device, out var v) ? v : map[device] = []).Add(voter);
        (devicesOf.TryGetValue(voter, out var d) ? d : devicesOf[voter] = []).Add(device);
        if (day is { } today) (daily.TryGetValue((device, today), out var t) ? t : daily[(device, today)] = []).Add(voter);
    }

    /// <summary>
    /// Null when <paramref name="device"/> may verify <paramref name="voterId"/> today (a phone it already verified today
    /// always may), else the refusal in the request's language. No device (cookies blocked): null; the subnet limits still apply.
    /// </summary>
    public async Task<string?> RefusalAsync(string? device, long? voterId, CancellationToken ct)
    {
        if (device is null) return null;
        await EnsureLoadedAsync(ct);
        var cap = options.Value.VerificationsPerDevicePerDay;
        lock (gate)
        {
            if (!daily.TryGetValue((device, ShanghaiTime.Day(clock.GetUtcNow())), out var today) || today.Count < cap) return null;
            return voterId is { } v && today.Contains(v) ? null : L["此设备今天已验证 {0} 个手机号，请明天再试", cap].Value;
        }
    }

    /// <summary>Records that <paramref name="device"/> verified <paramref name="voterId"/> (append-only).</summary>
    public async Task RecordAsync(string device, long voterId, CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        var now = clock.GetUtcNow();
        var day = ShanghaiTime.Day(now);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Add(new DeviceVerification { DeviceId = device, VoterId = voterId, AtMs = now.ToUnixTimeMilliseconds(), Day = day });
        await db.SaveChangesAsync(ct);
        lock (gate)
        {
            foreach (var k in daily.Keys.Where(k => k.Day < day).ToList()) daily.Remove(k);
            Add(voters!, device, voterId, day);
        }
    }

    /// <summary>The device with the most verified phones among <paramref name="voterId"/>'s and <paramref name="voteDevice"/>, or null when none verified any.</summary>
    public async ValueTask<DeviceSignal?> SignalOf(long voterId, string? voteDevice, CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        lock (gate)
        {
            DeviceSignal? best = null;
            IEnumerable<string> candidates = devicesOf.TryGetValue(voterId, out var d) ? d : [];
            if (voteDevice is not null) candidates = candidates.Append(voteDevice);
            foreach (var device in candidates)
                if (voters!.TryGetValue(device, out var v) && (best is null || v.Count > best.Value.Phones)) best = new DeviceSignal(device, v.Count);
            return best;
        }
    }
}
