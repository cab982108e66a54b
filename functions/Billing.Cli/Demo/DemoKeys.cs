namespace Billing.Cli.Demo;

/// <summary>The keys one demo run makes for its host: the operators' key (<c>x-admin-key</c>) and a webhook bearer key.</summary>
internal sealed record DemoKeys(string Admin, string Ingest);
