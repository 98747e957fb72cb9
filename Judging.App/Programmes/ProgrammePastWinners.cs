namespace Judging.App.Programmes;

using System.Globalization;
using System.Text;
using Judging.App.Persistence;
using Judging.App.Programmes.Import;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Judging.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

/// <summary>The outcome of a past-winners import: the rows now listed, or the file's problems (nothing changed).</summary>
/// <param name="Count">Rows listed after the import; 0 when refused.</param>
/// <param name="Problems">"past-winners.csv 第3行：…", empty when imported.</param>
public sealed record PastWinnersImport(int Count, IReadOnlyList<Wording> Problems)
{
    /// <summary>Imported.</summary>
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// The past winners list of a programme whose rules read one (seed 002: "市长质量奖 needs a 质量金奖 won ≥ 3 years earlier"
/// and "not the same award again within 5 years", checked against the past winners list, "which the organiser imports";
/// issue 13). The organiser replaces the whole list with a CSV in the seed's format (获奖者, 所在单位, 奖项, 类别, 获奖年度;
/// docs/programme-applicants.md), all or nothing, audited; and downloads it back (UTF-8 with BOM). Scoped.
/// </summary>
public sealed class ProgrammePastWinners(JudgingDb db, TimeProvider clock)
{
    /// <summary>The programme's list, by year then name; null when there is no such programme.</summary>
    public async Task<IReadOnlyList<ProgrammePastWinner>?> ListAsync(string code, CancellationToken ct)
    {
        var p = await db.Set<Programme>().AsNoTracking().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        return await db.Set<ProgrammePastWinner>().AsNoTracking().Where(w => w.ProgrammeId == p.Id)
            .OrderByDescending(w => w.Year).ThenBy(w => w.Name).ToListAsync(ct);
    }

    /// <summary>
    /// Replaces the list of <paramref name="code"/> with <paramref name="csv"/> (UTF-8, BOM allowed), all or nothing, audited as
    /// <paramref name="actor"/>. Null when there is no such programme.
    /// </summary>
    public async Task<PastWinnersImport?> ImportAsync(string code, string csv, string actor, CancellationToken ct)
    {
        var p = await db.Set<Programme>().SingleOrDefaultAsync(x => x.Code == code, ct);
        if (p is null) return null;
        var read = ApplicantImport.PastWinners(csv);
        if (read.Winners is null) return new(0, read.Problems.Select(x => x.Text).ToList());
        var before = await db.Set<ProgrammePastWinner>().CountAsync(w => w.ProgrammeId == p.Id, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<ProgrammePastWinner>().Where(w => w.ProgrammeId == p.Id).ExecuteDeleteAsync(ct);
        foreach (var w in read.Winners) db.Add(Row(p.Id, w));
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), Actor = actor, Action = "导入往届获奖名单", Subject = p.Name,
            Before = $"{before} 条", After = $"{read.Winners.Count} 条",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(read.Winners.Count, []);
    }

    /// <summary>The list as CSV in the import's format, UTF-8 with BOM (opens in Excel with Chinese intact).</summary>
    public static byte[] ToCsv(IEnumerable<ProgrammePastWinner> winners)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', ApplicantImport.PastWinnersColumns)).Append("\r\n");
        foreach (var w in winners)
            sb.Append(string.Join(',', new[] { w.Name, w.Unit, w.Award, w.Kind, w.Year.ToString(CultureInfo.InvariantCulture) }.Select(Cell))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Cell(string v) => v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;

    /// <summary>A stored row of an imported winner.</summary>
    public static ProgrammePastWinner Row(int programmeId, PastWinner w) => new()
    {
        ProgrammeId = programmeId, Name = w.Name, Unit = w.Unit, Year = w.Award.Year,
        Award = w.Award.Level == QualityAwardLevel.Mayor ? "市长质量奖" : "质量金奖",
        Kind = w.Award.Kind == QualityAwardApplicant.Individual ? "先进质量管理成果" : "先进质量管理模式",
    };
}
