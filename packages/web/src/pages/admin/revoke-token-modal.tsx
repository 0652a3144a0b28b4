import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRevokeApiToken, type ApiToken } from '../../hooks/use-api-tokens';
import { QueryError } from '../../components/query-error';
import { notify } from '../../lib/notify';

/** Asks before revoking a token, since programs using it lose access at once. */
export function RevokeTokenModal({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  const close = () => {
    revoke.reset();
    onClose();
  };
  const confirm = () => {
    if (!token) return;
    revoke.mutate(token.id, {
      onSuccess: () => {
        notify(t('admin.tokens.revokedDone', { name: token.name }), 'success');
        close();
      },
    });
  };
  return (
    <Modal
      opened={token !== null}
      onClose={close}
      title={t('admin.tokens.revokeTitle', { name: token?.name ?? '' })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('admin.tokens.revokeText')}</Text>
        {revoke.isError && <QueryError error={revoke.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending}>
            {t('admin.tokens.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
