import { isApiSigError, useAuthHeaders } from '@apisig/react';

export function SessionBanner() {
  const { status, error } = useAuthHeaders();
  if (status === 'error' && isApiSigError(error, 'remote_signer_refused') && error.status === 401) {
    return <a href="/login">Your session expired: log in again</a>;
  }
  return null;
}
