import { useAuthHeaders } from '@apisig/react';
import { GraphQLClient } from 'graphql-request';
import { useMemo } from 'react';

export function useGraphQLClient(): GraphQLClient | null {
  const { headers } = useAuthHeaders();
  // A new client about every 10 s, when the headers are replaced.
  return useMemo(
    () => (headers ? new GraphQLClient('https://api.example.com/graphql', { headers }) : null),
    [headers],
  );
}
