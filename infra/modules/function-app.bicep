// The function app: a Flex Consumption plan (FC1) and a Linux function app running functions/Billing.Functions on
// the .NET isolated worker. It runs as a user-assigned identity for its storage (identity-based AzureWebJobsStorage),
// the Flex deployment container, Key Vault references and Service Bus: no storage key and no secret is an app setting
// (secrets are Key Vault references; the Application Insights connection string only names where telemetry goes).

@description('Azure region of the resources.')
param location string

@description('Tags put on every resource (the app also gets azd-service-name).')
param tags object

@description('Value of the azd-service-name tag on the app (the service name in azure.yaml).')
param serviceName string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app.')
param appName string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Name of the storage account (AzureWebJobsStorage).')
param storageAccountName string

@description('Blob endpoint of the storage account, ending in a slash.')
param storageBlobEndpoint string

@description('Blob container the plan deploys the app package to.')
param deploymentContainerName string

@description('Connection string of the Application Insights component.')
param appInsightsConnectionString string

@description('.NET version of the isolated worker.')
param dotnetVersion string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Key Vault reference URIs of the secrets (empty: the setting is left empty, which the code treats as unset).')
param secretUris {
  adminKey: string
  ingestKey: string
  signingSecret: string
  sendGridApiKey: string
}

@description('The issuer block and payment instructions printed on every invoice and email (blank address lines are dropped).')
param issuer {
  name: string
  addressLines: string[]
  taxId: string
  email: string
  bank: string
  account: string
}

@description('Folder holding DejaVuSans.ttf, DejaVuSans-Bold.ttf and DroidSansFallbackFull.ttf on the instances; empty: the fonts folder published with the app.')
param pdfFontFolder string

@description('The timer functions\' schedules (6-field NCrontab, seconds first): the Billing__...Schedule settings.')
param schedules {
  settlement: string
  workflowTimers: string
  spikeScan: string
  collectionsScan: string
  usageImport: string
  webhookDispatch: string
  emailRetry: string
}

@description('Host name of the Service Bus namespace for integration events; empty: none.')
param serviceBusNamespace string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

// AzureWebJobsStorage: identity-based, as Functions and the code's StorageConnection read it.
var storageSettings = [
  {
    name: 'AzureWebJobsStorage__accountName'
    value: storageAccountName
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
]

// The timer functions' %Billing:...Schedule% settings: the Functions host resolves them from app settings only (the
// code's defaults do not reach its trigger indexing), so each is set, from main.bicep's schedule parameters.
var scheduleSettings = [
  {
    name: 'Billing__SettlementSchedule'
    value: schedules.settlement
  }
  {
    name: 'Billing__WorkflowTimerSchedule'
    value: schedules.workflowTimers
  }
  {
    name: 'Billing__SpikeScanSchedule'
    value: schedules.spikeScan
  }
  {
    name: 'Billing__CollectionsScanSchedule'
    value: schedules.collectionsScan
  }
  {
    name: 'Billing__ImportSchedule'
    value: schedules.usageImport
  }
  {
    name: 'Billing__WebhookDispatchSchedule'
    value: schedules.webhookDispatch
  }
  {
    name: 'Billing__EmailRetrySchedule'
    value: schedules.emailRetry
  }
]

var secretSettings = [
  {
    name: 'Billing__AdminKey'
    value: empty(secretUris.adminKey) ? '' : '@Microsoft.KeyVault(SecretUri=${secretUris.adminKey})'
  }
  {
    name: 'Billing__IngestKeys__0'
    value: empty(secretUris.ingestKey) ? '' : '@Microsoft.KeyVault(SecretUri=${secretUris.ingestKey})'
  }
  {
    name: 'Billing__SigningSecret'
    value: empty(secretUris.signingSecret) ? '' : '@Microsoft.KeyVault(SecretUri=${secretUris.signingSecret})'
  }
  {
    name: 'SendGrid__ApiKey'
    value: empty(secretUris.sendGridApiKey) ? '' : '@Microsoft.KeyVault(SecretUri=${secretUris.sendGridApiKey})'
  }
]

var issuerSettings = concat(
  [
    {
      name: 'Issuer__Name'
      value: issuer.name
    }
    {
      name: 'Issuer__TaxId'
      value: issuer.taxId
    }
    {
      name: 'Issuer__Email'
      value: issuer.email
    }
    {
      name: 'Issuer__Bank'
      value: issuer.bank
    }
    {
      name: 'Issuer__Account'
      value: issuer.account
    }
  ],
  map(filter(issuer.addressLines, line => !empty(trim(line))), (line, i) => {
    name: 'Issuer__AddressLines__${i}'
    value: line
  })
)

var fontSettings = empty(pdfFontFolder)
  ? []
  : [
      {
        name: 'Pdf__FontFolder'
        value: pdfFontFolder
      }
    ]

var serviceBusSettings = empty(serviceBusNamespace)
  ? []
  : [
      {
        name: 'ServiceBusConnection__fullyQualifiedNamespace'
        value: serviceBusNamespace
      }
      {
        name: 'ServiceBusConnection__credential'
        value: 'managedidentity'
      }
      {
        name: 'ServiceBusConnection__clientId'
        value: identityClientId
      }
    ]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the user-assigned identity (there is no system-assigned one).
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(
        storageSettings,
        [
          {
            name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
            value: appInsightsConnectionString
          }
        ],
        secretSettings,
        scheduleSettings,
        issuerSettings,
        fontSettings,
        serviceBusSettings
      )
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

// Deployments authenticate with Entra ID (azd, func, az); basic publishing credentials are off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = app.name

@description('Default host name of the function app.')
output defaultHostName string = app.properties.defaultHostName
