namespace Judging.App.Components.Pages.Organiser;

/// <summary>
/// What the organiser does to one entry in the finalist list (issue 3): an override (<see cref="Admit"/>, <see cref="Drop"/>,
/// <see cref="Clear"/>; TrackResultsService.SetOverrideAsync) or its eligibility (<see cref="Withdrawn"/>,
/// <see cref="Ineligible"/>, <see cref="Eligible"/>; SetEligibilityAsync). All but Clear and Eligible need a reason.
/// </summary>
public enum FinalistAction
{
    /// <summary>破格入围.</summary>
    Admit,
    /// <summary>调出.</summary>
    Drop,
    /// <summary>取消调整.</summary>
    Clear,
    /// <summary>退赛.</summary>
    Withdrawn,
    /// <summary>取消资格.</summary>
    Ineligible,
    /// <summary>恢复资格.</summary>
    Eligible,
}
