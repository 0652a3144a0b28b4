/** Every cached API resource, named once so that mutations invalidate the right ones. */
export const queryKeys = {
  session: ['session'] as const,
  activePlan: ['plan', 'active'] as const,
  threats: ['plan', 'threats'] as const,
  planVersions: ['plan', 'versions'] as const,
  users: ['users'] as const,
  apiTokens: ['api-tokens'] as const,
};
