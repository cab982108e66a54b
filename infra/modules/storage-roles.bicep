// The data roles the function app's identity holds on its storage account, scoped to that account only.
// Blob: Storage Blob Data Contributor, not Owner. The Functions host takes blob leases for its timer singletons
// (azure-webjobs-hosts, and the code's locks container), creates its containers, and Flex Consumption reads and
// writes the app package in the deployment container: all read/write/create actions Contributor grants. Owner adds
// only POSIX ACLs and ownership (hierarchical namespace, off here), blob index tags (unused) and the immutable-storage
// super-user action, which would let the app's identity alter the retention of the write-once invoices.

@description('Name of the storage account.')
param storageAccountName string

@description('Resource id of the function app\'s user-assigned identity (names its role assignments).')
param identityId string

@description('Principal (object) id of the function app\'s user-assigned identity.')
param principalId string

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(account.id, identityId, role.value)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]
