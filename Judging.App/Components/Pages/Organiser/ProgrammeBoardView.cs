namespace Judging.App.Components.Pages.Organiser;

using Judging.App.Programmes;

/// <summary>What the board's status filter chooses (issue 13, "Organiser"): every application, or one status; Admitted is the
/// submitted ones the organiser admitted with a reason.</summary>
public enum BoardStatusFilter
{
    /// <summary>全部.</summary>
    All,
    /// <summary>草稿.</summary>
    Draft,
    /// <summary>已提交 (admitted ones included).</summary>
    Submitted,
    /// <summary>不予受理.</summary>
    Refused,
    /// <summary>准予受理: submitted by the organiser's admission.</summary>
    Admitted,
}

/// <summary>The board's filter and counts over <see cref="ApplicationRow"/>s (ProgrammeBoardPage.razor), kept out of the markup to be tested.</summary>
public static class ProgrammeBoardView
{
    /// <summary>
    /// True when <paramref name="row"/> is in the status <paramref name="status"/>, in the category <paramref name="category"/>
    /// (its code; null or empty: any), and <paramref name="search"/> (trimmed; empty: anything) is part of its reference,
    /// title, applicant or category name, ignoring case.
    /// </summary>
    public static bool Matches(ApplicationRow row, string? search, BoardStatusFilter status, string? category)
    {
        ArgumentNullException.ThrowIfNull(row);
        var inStatus = status switch
        {
            BoardStatusFilter.Draft => row.Status == ProgrammeApplicationStatus.Draft,
            BoardStatusFilter.Submitted => row.Status == ProgrammeApplicationStatus.Submitted,
            BoardStatusFilter.Refused => row.Status == ProgrammeApplicationStatus.Refused,
            BoardStatusFilter.Admitted => row.Status == ProgrammeApplicationStatus.Submitted && row.AdmissionReason is not null,
            _ => true,
        };
        if (!inStatus) return false;
        if (!string.IsNullOrEmpty(category) && row.Category.Code != category) return false;
        var s = search?.Trim();
        return string.IsNullOrEmpty(s) || $"{row.Reference} {row.Title} {row.Applicant} {row.Category.Name}".Contains(s, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The summary line's counts: total, submitted (admitted included), refused, and with every required material there.</summary>
    public static (int Total, int Submitted, int Refused, int Complete) Counts(IReadOnlyCollection<ApplicationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return (rows.Count, rows.Count(r => r.Status == ProgrammeApplicationStatus.Submitted), rows.Count(r => r.Status == ProgrammeApplicationStatus.Refused),
            rows.Count(r => r.Completeness.Done == r.Completeness.Required));
    }
}
