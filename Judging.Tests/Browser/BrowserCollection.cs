namespace Judging.Tests.Browser;

using Judging.Tests.Support;

/// <summary>Browser tests run one class at a time (two cores); each class starts its own app.</summary>
[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
