namespace Billing.Functions.Tests.Fixtures;

/// <summary>Every end-to-end test shares the one Azurite and primary host; xUnit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "Host";
}
