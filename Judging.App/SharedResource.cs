namespace Judging.App;

/// <summary>
/// Marker for the texts every page shares (<c>Resources/SharedResource.en.resx</c>): the header, common buttons and
/// words, refusals that several features give. Keys are the zh-CN wording (see <c>Components/UiModule.cs</c>).
/// </summary>
public sealed class SharedResource;
