// BillingFunctions in Azure: one environment per resource group. The function app (Flex Consumption, .NET isolated)
// with its user-assigned identity, its storage account (no shared keys), Key Vault for its secrets, Log Analytics and
// Application Insights, and optionally a Service Bus topic for integration events. See infra/README.md.
targetScope = 'resourceGroup'

@description('Name of the environment (azd: AZURE_ENV_NAME); part of resource names and the azd-env-name tag.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Azure region of every resource; Flex Consumption must be offered there.')
param location string = resourceGroup().location

@description('.NET version of the isolated worker (functions/Billing.Functions targets net10.0).')
param dotnetVersion string = '10.0'

@description('Memory of each function app instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the function app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_ZRS'

@description('Days an invoice document (PDF, HTML, receipt) stays immutable after it is written.')
@minValue(1)
@maxValue(146000)
param invoiceRetentionDays int = 3650

@description('Days previous blob versions outside the invoices container are kept.')
@minValue(1)
param previousVersionRetentionDays int = 30

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Daily Log Analytics ingestion cap in GB; -1 for none.')
param logDailyQuotaGb int = 1

@description('Key Vault purge protection (cannot be turned off once on).')
param keyVaultPurgeProtection bool = true

@description('Days a deleted vault or secret is kept.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@secure()
@description('Billing__AdminKey, the operators\' key (x-admin-key). Empty: not stored; admin routes stay closed.')
param adminKey string = ''

@secure()
@description('Billing__IngestKeys__0, the webhook bearer key. Empty: not stored; bearer ingestion is refused.')
param ingestKey string = ''

@secure()
@description('Billing__SigningSecret, the HMAC secret of x-billing-signature. Empty: not stored; signatures are refused.')
param signingSecret string = ''

@secure()
@description('SendGrid__ApiKey, a key with the Mail Send scope. Empty: not stored; emails go to the outbox container.')
param sendGridApiKey string = ''

@description('Issuer__Name: the legal name on invoices.')
@minLength(1)
param issuerName string

@description('Issuer__AddressLines__0: the first line of the issuer\'s address.')
@minLength(1)
param issuerAddressLine1 string

@description('Issuer__AddressLines__1: the second line of the issuer\'s address; empty: none.')
param issuerAddressLine2 string = ''

@description('Issuer__TaxId: the issuer\'s tax id.')
@minLength(1)
param issuerTaxId string

@description('Issuer__Email: the sender of every email and the contact on invoices.')
@minLength(3)
param issuerEmail string

@description('Issuer__Bank: the bank customers pay to.')
@minLength(1)
param issuerBank string

@description('Issuer__Account: the account customers pay to.')
@minLength(1)
param issuerAccount string

@description('Pdf__FontFolder: the folder on the instances with the invoice fonts; empty: the fonts folder published with the app.')
param pdfFontFolder string = ''

// The timers' schedules (6-field NCrontab, seconds first). The defaults are for production: each firing wakes an
// instance, billed for at least a second of its memory, so they fire less often than the code's defaults (which
// suit local runs); infra/README.md, "What it costs at rest", has the figures for these and for the code's defaults.

@description('Billing__SettlementSchedule: when settlement is requested for the customers due (default hourly; invoices go out at most an hour after a period closes and its grace passes).')
param settlementSchedule string = '0 0 * * * *'

@description('Billing__WorkflowTimerSchedule: when due dunning steps fire (default every 5 minutes; the ladder is in days).')
param workflowTimerSchedule string = '0 */5 * * * *'

@description('Billing__SpikeScanSchedule: when usage spikes are looked for (default every 10 minutes).')
param spikeScanSchedule string = '0 */10 * * * *'

@description('Billing__CollectionsScanSchedule: when credit-limit and pack actions are checked for accounts that received usage (default every minute).')
param collectionsScanSchedule string = '0 * * * * *'

@description('Billing__ImportSchedule: when dropped usage files are imported (default every 5 minutes).')
param importSchedule string = '0 */5 * * * *'

@description('Billing__WebhookDispatchSchedule: when integration events go to the webhooks and the topic (default every 30 seconds).')
param webhookDispatchSchedule string = '*/30 * * * * *'

@description('Billing__EmailRetrySchedule: when undelivered emails are retried (default every 5 minutes).')
param emailRetrySchedule string = '0 */5 * * * *'

@description('Create the Service Bus namespace and billing-events topic for integration events.')
param deployServiceBus bool = false

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
}
var appName = 'func-${token}'
var storageAccountName = 'st${token}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${token}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${token}'
    appInsightsName: 'appi-${token}'
    retentionInDays: logRetentionInDays
    dailyQuotaGb: logDailyQuotaGb
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: storageAccountName
    skuName: storageSkuName
    deploymentContainerName: 'app-package-${appName}'
    invoiceRetentionDays: invoiceRetentionDays
    previousVersionRetentionDays: previousVersionRetentionDays
  }
}

module storageRoles 'modules/storage-roles.bicep' = {
  name: 'storage-roles'
  params: {
    storageAccountName: storageAccountName
    identityId: identity.id
    principalId: identity.properties.principalId
  }
  dependsOn: [
    storage
  ]
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: 'kv-${token}'
    enablePurgeProtection: keyVaultPurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    identityId: identity.id
    principalId: identity.properties.principalId
    adminKey: adminKey
    ingestKey: ingestKey
    signingSecret: signingSecret
    sendGridApiKey: sendGridApiKey
    given: {
      adminKey: !empty(adminKey)
      ingestKey: !empty(ingestKey)
      signingSecret: !empty(signingSecret)
      sendGridApiKey: !empty(sendGridApiKey)
    }
  }
}

module serviceBus 'modules/servicebus.bicep' = if (deployServiceBus) {
  name: 'servicebus'
  params: {
    location: location
    tags: tags
    name: 'sb-${token}'
    identityId: identity.id
    principalId: identity.properties.principalId
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    location: location
    tags: tags
    serviceName: 'billing'
    planName: 'plan-${token}'
    appName: appName
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    dotnetVersion: dotnetVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    secretUris: {
      adminKey: keyVault.outputs.adminKeyUri
      ingestKey: keyVault.outputs.ingestKeyUri
      signingSecret: keyVault.outputs.signingSecretUri
      sendGridApiKey: keyVault.outputs.sendGridApiKeyUri
    }
    issuer: {
      name: issuerName
      addressLines: [
        issuerAddressLine1
        issuerAddressLine2
      ]
      taxId: issuerTaxId
      email: issuerEmail
      bank: issuerBank
      account: issuerAccount
    }
    pdfFontFolder: pdfFontFolder
    schedules: {
      settlement: settlementSchedule
      workflowTimers: workflowTimerSchedule
      spikeScan: spikeScanSchedule
      collectionsScan: collectionsScanSchedule
      usageImport: importSchedule
      webhookDispatch: webhookDispatchSchedule
      emailRetry: emailRetrySchedule
    }
    serviceBusNamespace: deployServiceBus ? serviceBus!.outputs.fullyQualifiedNamespace : ''
  }
  dependsOn: [
    // The host needs its storage roles before it starts.
    storageRoles
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = subscription().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output AZURE_SERVICE_BUS_NAMESPACE string = deployServiceBus ? serviceBus!.outputs.fullyQualifiedNamespace : ''
