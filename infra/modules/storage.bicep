// The storage account of the function app: the Functions host's own storage (AzureWebJobsStorage, identity-based)
// and every table, queue and blob container the billing code uses. Shared-key access is off: only Entra ID
// (the app's managed identity, operators with data roles) reaches the data.

@description('Azure region of the resources.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Redundancy of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Blob container the Flex Consumption plan deploys the app package to.')
param deploymentContainerName string

@description('Days an invoice document (PDF, HTML, receipt) stays immutable after it is written.')
@minValue(1)
@maxValue(146000)
param invoiceRetentionDays int

@description('Days a previous blob version (left by an overwrite or delete outside the invoices container) is kept.')
@minValue(1)
param previousVersionRetentionDays int

// Names the code uses (functions/Billing.Application: Hosting/StorageBootstrap.cs and the constants it names, the
// import and lock containers). The infra tests compare these lists with the code.
var tableNames = [
  'catalog'
  'customers'
  'settledperiods'
  'alerts'
  'usagemarkers'
  'payments'
  'paymentplans'
  'invoices'
  'invoicenumbers'
  'timeline'
  'servicestatus'
  'webhookdeliveries'
  'imports'
  'usage'
  'usagerejections'
  'webhooksignatures'
  'undeliveredemails'
  'emailsends'
  'integrationevents'
]

// Each queue with the <queue>-poison queue that messages failing maxDequeueCount times move to.
var queueNames = [
  'usage-batches'
  'usage-batches-poison'
  'settlements'
  'settlements-poison'
  'workflow-events'
  'workflow-events-poison'
]

// Every container but the invoices one, which is immutable (below).
var containerNames = [
  'usage-payloads'
  'settlements'
  'outbox'
  'backups'
  'usage-drop'
  'usage-imported'
  'usage-rejected'
  'undelivered-emails'
  'locks'
]

// Issued invoices' PDF and HTML and payment receipts: written once, never rewritten.
var invoicesContainerName = 'invoices'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    // Version-level immutability of the invoices container needs versioning on the account.
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for container in containerNames: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource invoicesContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: invoicesContainerName
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

// Time-based retention: no invoice version can be overwritten or deleted for invoiceRetentionDays. Deployed unlocked;
// locking it (infra/README.md) is irreversible.
resource invoicesRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2024-01-01' = {
  parent: invoicesContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: invoiceRetentionDays
    allowProtectedAppendWrites: false
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for table in tableNames: {
    parent: tableService
    name: table
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for queue in queueNames: {
    parent: queueService
    name: queue
  }
]

// Versioning keeps the old version of every blob the code deletes (usage payloads after metering, imported drops);
// this rule removes those versions after previousVersionRetentionDays. Invoices are written once and never deleted
// within their retention, so they have no previous versions to remove.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-previous-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: previousVersionRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    containers
  ]
}

@description('Name of the storage account.')
output name string = account.name

@description('Resource id of the storage account.')
output id string = account.id

@description('Blob endpoint of the account, ending in a slash.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Name of the Flex Consumption deployment container.')
output deploymentContainerName string = deploymentContainer.name
