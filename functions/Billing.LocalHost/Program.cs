using Billing.LocalHost;

await LocalHostApplication.Build(args).RunAsync();
