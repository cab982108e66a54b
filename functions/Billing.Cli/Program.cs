using Billing.Cli.Commands;

return BillingCommandLine.Build().Parse(args).Invoke();
