namespace Judging.App.Programmes;

using System.Globalization;
using System.Text;
using System.Text.Json;
using Judging.App.Import;
using Judging.App.Persistence;
using Judging.App.Programmes.Import;
using Judging.Domain.Competitions;
using Judging.Domain.Programmes;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Loads the working-day calendar (<c>{seeds}/calendar/cn-workdays.csv</c>) and the programmes of
/// <c>{seeds}/programmes/&lt;code&gt;/</c> with their applicants and past winners (issue 13, "Done when": "The four programmes
/// load on first run"). The calendar loads while the database lists no calendar day, the programmes while it holds no
/// programme (so an upgraded database gets them once too). All or nothing: every file goes through its importer
/// (<see cref="CalendarImport"/>, <see cref="ProgrammeImport"/>, <see cref="ApplicantImport"/>) first, and any problem stops
/// start-up with the files' Chinese reasons ("applicants.csv 第3行：…") and nothing recorded. Each seeded applicant becomes a
/// <see cref="ProgrammeApplication"/> whose fields are its row (编号 as its reference, 预期 left out), submitted at the row's
/// 申报日期 / 提交时间 / 提名时间, and Submitted or Refused as the rules find it.
/// </summary>
public sealed class ProgrammeSeeder(JudgingDb db, TimeProvider clock, ILogger<ProgrammeSeeder> log)
{
    /// <summary>Who the seeded rows are recorded as made by.</summary>
    public const string SeedActor = "种子数据";

    /// <summary>The calendar file under the seeds folder.</summary>
    public static readonly string CalendarFile = Path.Combine("calendar", "cn-workdays.csv");

    /// <summary>The programmes' folder under the seeds folder.</summary>
    public const string ProgrammesFolder = "programmes";

    /// <summary>What was loaded.</summary>
    /// <param name="CalendarDays">Listed calendar days.</param>
    /// <param name="Programmes">Programmes.</param>
    /// <param name="Applications">Seeded applications.</param>
    public sealed record Outcome(int CalendarDays, int Programmes, int Applications);

    /// <summary>Runs the seeder in <paramref name="services"/>' scope for the seeds folder <paramref name="seedsPath"/>.</summary>
    /// <exception cref="InvalidOperationException">A file is bad (nothing recorded); the message lists every problem.</exception>
    public static Task<Outcome> RunAsync(IServiceProvider services, string seedsPath, CancellationToken ct) =>
        ActivatorUtilities.CreateInstance<ProgrammeSeeder>(services).SeedAsync(seedsPath, ct);

    /// <summary>Loads what is missing; see the type's summary.</summary>
    /// <exception cref="InvalidOperationException">A file is bad (nothing recorded).</exception>
    public async Task<Outcome> SeedAsync(string seedsPath, CancellationToken ct)
    {
        var problems = new List<string>();
        var now = clock.GetUtcNow();
        var days = 0;
        var calendarPath = Path.Combine(seedsPath, CalendarFile);
        WorkingDayCalendar? calendar = null;
        if (File.Exists(calendarPath))
        {
            var parsed = CalendarImport.Parse(await File.ReadAllTextAsync(calendarPath, ct));
            if (parsed.Calendar is null) problems.AddRange(parsed.Problems.Select(p => $"{CalendarFile} {p}"));
            else calendar = parsed.Calendar;
        }
        var loadCalendar = calendar is not null && !await db.Set<WorkingCalendarDay>().AnyAsync(ct);

        var programmes = new List<(Programme Programme, List<ProgrammePastWinner> Winners, List<ProgrammeApplication> Applications)>();
        var folder = Path.Combine(seedsPath, ProgrammesFolder);
        if (Directory.Exists(folder) && !await db.Set<Programme>().AnyAsync(ct))
        {
            // The rules count working days on the calendar as stored, or as about to be loaded.
            calendar ??= await ProgrammeService.LoadCalendarAsync(db, ct);
            foreach (var dir in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
                if (Load(dir, calendar, now, problems) is { } p) programmes.Add(p);
        }
        if (problems.Count > 0)
            throw new InvalidOperationException("Programme seeds in " + seedsPath + " were not loaded:\n" + string.Join("\n", problems));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (loadCalendar)
        {
            foreach (var d in calendar!.Days)
                db.Add(new WorkingCalendarDay { Date = d.Date, Year = d.Year, Working = d.Kind == CalendarDayKind.AdjustedWorkday, Holiday = d.Name });
            days = calendar.Days.Count;
        }
        foreach (var (programme, winners, applications) in programmes)
        {
            db.Add(programme);
            await db.SaveChangesAsync(ct);
            foreach (var w in winners) { w.ProgrammeId = programme.Id; db.Add(w); }
            foreach (var a in applications) { a.ProgrammeId = programme.Id; db.Add(a); }
        }
        await db.SaveChangesAsync(ct);
        // The submitted ones wait in the formal review (待审查), as if each had been submitted online.
        foreach (var a in programmes.SelectMany(p => p.Applications).Where(a => a.Status == ProgrammeApplicationStatus.Submitted))
            db.Add(new ProgrammeReviewRecord { ApplicationId = a.Id, Action = Judging.Domain.Cases.FormalReviewAction.Submit, At = a.SubmittedAt!.Value, Actor = SeedActor, Version = 1 });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var outcome = new Outcome(days, programmes.Count, programmes.Sum(p => p.Applications.Count));
        if (outcome != new Outcome(0, 0, 0))
            log.LogInformation("Programmes loaded from seeds: {Days} calendar days, {Programmes} programmes, {Applications} applications", outcome.CalendarDays, outcome.Programmes, outcome.Applications);
        return outcome;
    }

    private static (Programme, List<ProgrammePastWinner>, List<ProgrammeApplication>)? Load(string dir, WorkingDayCalendar calendar, DateTimeOffset now, List<string> problems)
    {
        var name = Path.GetFileName(dir);
        var files = ProgrammeImport.Files.Where(f => File.Exists(Path.Combine(dir, f)))
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(dir, f), Encoding.UTF8));
        var imported = ProgrammeImport.Read(files);
        if (imported.Definition is not { } definition)
        {
            problems.AddRange(imported.Problems.Select(p => $"{name}/{p}"));
            return null;
        }
        var set = ProgrammeRuleSet.For(definition);
        var programme = new Programme { Code = definition.Code, Name = definition.Name, SourceFiles = JsonSerializer.Serialize(files, ProgrammeService.StoredJson), ImportedAt = now };

        var winners = new List<ProgrammePastWinner>();
        var pastWinners = new List<PastWinner>();
        var winnersPath = Path.Combine(dir, ApplicantImport.PastWinnersFile);
        if (File.Exists(winnersPath))
        {
            var read = ApplicantImport.PastWinners(File.ReadAllText(winnersPath, Encoding.UTF8));
            if (read.Winners is null) { problems.AddRange(read.Problems.Select(p => $"{name}/{p}")); return null; }
            pastWinners.AddRange(read.Winners);
            winners.AddRange(read.Winners.Select(w => ProgrammePastWinners.Row(0, w)));
        }

        var applicantsPath = Path.Combine(dir, ApplicantImport.ApplicantsFile);
        if (!File.Exists(applicantsPath)) return (programme, winners, []);
        var csvProblems = new List<ImportProblem>();
        var table = CsvTable.Read(ApplicantImport.ApplicantsFile, File.ReadAllBytes(applicantsPath), set.Columns, csvProblems);
        if (table is null) { problems.AddRange(csvProblems.Select(p => $"{name}/{p}")); return null; }

        var rows = new List<(ProgrammeApplication Application, Dictionary<string, string> Fields, AwardCategory Category)>();
        foreach (var row in table.Rows)
        {
            var fields = row.Values.Where(kv => kv.Key is not ("编号" or "预期")).ToDictionary(kv => kv.Key, kv => kv.Value);
            var reference = row.Values["编号"];
            if (set.CategoryOf(definition, fields) is not { } category)
            {
                problems.Add($"{name}/{ApplicantImport.ApplicantsFile} 第{row.Line}行：对应不到任何奖项类别");
                continue;
            }
            var at = SubmittedAt(set, definition, fields) ?? now;
            rows.Add((new ProgrammeApplication
            {
                Reference = reference, CategoryCode = category.Code, Title = fields.GetValueOrDefault(set.TitleField, ""),
                Applicant = fields.GetValueOrDefault(set.ApplicantField, ""), Fields = JsonSerializer.Serialize(fields, ProgrammeService.StoredJson),
                Revision = 1, CreatedAt = at, UpdatedAt = at, SubmittedAt = at, Seeded = true,
            }, fields, category));
        }
        if (problems.Count > 0) return null;

        var context = new ProgrammeRuleContext(calendar, pastWinners, rows.Select(r => new OtherApplication(r.Application.Reference, r.Fields, r.Application.SubmittedAt)).ToList());
        foreach (var (application, fields, _) in rows)
        {
            var eligibility = set.Check(definition, application.Reference, fields, context with { Others = context.Others.Where(o => o.Reference != application.Reference).ToList() });
            if (eligibility.Problems.Count > 0)
            {
                problems.AddRange(eligibility.Problems.Select(p => $"{name}/{ApplicantImport.ApplicantsFile} {application.Reference}：{p.Field}：{p.Reason}"));
                continue;
            }
            application.Status = eligibility.Eligible ? ProgrammeApplicationStatus.Submitted : ProgrammeApplicationStatus.Refused;
        }
        return problems.Count > 0 ? null : (programme, winners, rows.Select(r => r.Application).ToList());
    }

    /// <summary>The instant a seeded row was submitted: its time field (Beijing), a date's at 10:00; without one, an hour after the
    /// programme's first window opens.</summary>
    private static DateTimeOffset? SubmittedAt(ProgrammeRuleSet set, ProgrammeDefinition definition, IReadOnlyDictionary<string, string> fields)
    {
        if (set.TimeField is { } f && fields.TryGetValue(f, out var text))
        {
            if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return ShanghaiTime.FromLocal(t);
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return ShanghaiTime.FromLocal(d.ToDateTime(new TimeOnly(10, 0)));
        }
        return definition.Windows.FirstOrDefault()?.Window.Opens.AddHours(1);
    }
}
