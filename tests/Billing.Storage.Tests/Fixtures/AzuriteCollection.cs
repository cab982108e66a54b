namespace Billing.Storage.Tests.Fixtures;

/// <summary>Tests that share the one Azurite instance; xUnit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
