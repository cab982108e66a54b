// Key Vault (RBAC authorization) for the function app's secrets. A secret is created only when its value is given;
// the app setting that references it is set only then (an unset setting leaves that door closed: admin routes,
// ingest keys, signatures, SendGrid). The app's identity may read secrets of this vault and nothing else.

@description('Azure region of the resources.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the vault (3-24 letters, digits and dashes).')
@minLength(3)
@maxLength(24)
param name string

@description('Purge protection: a deleted vault or secret cannot be purged before the soft-delete retention ends. Cannot be turned off once on.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret is kept (soft delete).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Resource id of the function app\'s user-assigned identity (names its role assignments).')
param identityId string

@description('Principal (object) id of the function app\'s user-assigned identity.')
param principalId string

@secure()
@description('Billing__AdminKey: the operators\' key. Empty: no secret.')
param adminKey string

@secure()
@description('Billing__IngestKeys__0: the webhook bearer key. Empty: no secret.')
param ingestKey string

@secure()
@description('Billing__SigningSecret: the HMAC secret of x-billing-signature. Empty: no secret.')
param signingSecret string

@secure()
@description('SendGrid__ApiKey: a SendGrid key with the Mail Send scope. Empty: no secret (emails go to the outbox container).')
param sendGridApiKey string

@description('Which of the four secrets were given (a secret is created, and its URI output, only then).')
param given {
  adminKey: bool
  ingestKey: bool
  signingSecret: bool
  sendGridApiKey: bool
}

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service refuses false once set; null leaves it off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (given.adminKey) {
  parent: vault
  name: 'billing-admin-key'
  properties: {
    value: adminKey
    contentType: 'text/plain'
  }
}

resource ingestKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (given.ingestKey) {
  parent: vault
  name: 'billing-ingest-key-0'
  properties: {
    value: ingestKey
    contentType: 'text/plain'
  }
}

resource signingSecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (given.signingSecret) {
  parent: vault
  name: 'billing-signing-secret'
  properties: {
    value: signingSecret
    contentType: 'text/plain'
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (given.sendGridApiKey) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identityId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('URI of the vault.')
output uri string = vault.properties.vaultUri

// Secret URIs without a version, so a rotated secret is picked up; empty when the secret was not created.
@description('Key Vault reference URI of Billing__AdminKey, or empty.')
output adminKeyUri string = given.adminKey ? adminKeySecret!.properties.secretUri : ''

@description('Key Vault reference URI of Billing__IngestKeys__0, or empty.')
output ingestKeyUri string = given.ingestKey ? ingestKeySecret!.properties.secretUri : ''

@description('Key Vault reference URI of Billing__SigningSecret, or empty.')
output signingSecretUri string = given.signingSecret ? signingSecretSecret!.properties.secretUri : ''

@description('Key Vault reference URI of SendGrid__ApiKey, or empty.')
output sendGridApiKeyUri string = given.sendGridApiKey ? sendGridApiKeySecret!.properties.secretUri : ''
