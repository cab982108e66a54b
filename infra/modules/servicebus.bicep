// Optional integration events: a Service Bus namespace (Standard, Entra ID only) with the billing-events topic, and
// the Azure Service Bus Data Sender role for the function app's identity on that topic only. Duplicate detection is on
// (message id = event id, so a resent event is dropped). Subscriptions are the consumers' own; the session id is the
// customer, so a subscription created with requiresSession receives each customer's events in order.

@description('Azure region of the resources.')
param location string

@description('Tags put on every resource.')
param tags object

@description('Name of the namespace (6-50 letters, digits and dashes).')
@minLength(6)
@maxLength(50)
param name string

@description('Resource id of the function app\'s user-assigned identity (names its role assignments).')
param identityId string

@description('Principal (object) id of the function app\'s user-assigned identity.')
param principalId string

var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'billing-events'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P1D'
    defaultMessageTimeToLive: 'P14D'
    supportOrdering: true
  }
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, identityId, serviceBusDataSender)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Name of the namespace.')
output name string = namespace.name

@description('Host name of the namespace (ServiceBusConnection__fullyQualifiedNamespace).')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]

@description('Name of the topic.')
output topicName string = topic.name
