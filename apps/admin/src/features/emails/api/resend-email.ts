import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EmailResponse } from '@nextpanel/shared';
import { api } from '@/lib/api-client';
import type { MutationConfig } from '@/lib/react-query';
import { getEmailsQueryOptions } from './get-emails';

/**
 * POST /api/v1/emails/{id}/resend: queues a failed or held email again (409
 * EMAIL_NOT_RESENDABLE otherwise). Without SMTP_URL it is simply held again.
 */
export function resendEmail({ emailId }: { emailId: string }): Promise<EmailResponse> {
  return api.post<EmailResponse>(`/api/v1/emails/${encodeURIComponent(emailId)}/resend`);
}

export interface UseResendEmailOptions {
  mutationConfig?: MutationConfig<typeof resendEmail>;
}

export function useResendEmail({ mutationConfig }: UseResendEmailOptions = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...restConfig } = mutationConfig ?? {};
  return useMutation({
    ...restConfig,
    mutationFn: resendEmail,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: getEmailsQueryOptions().queryKey });
      return onSuccess?.(...args);
    },
  });
}
