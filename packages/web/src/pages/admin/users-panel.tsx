import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../../hooks/use-users';
import { useLanguage } from '../../i18n/use-language';
import { formatDateTime } from '../../lib/format';
import { useTimeZone } from '../../lib/use-time-zone';
import { PageLoader } from '../../components/page-loader';
import { QueryError } from '../../components/query-error';
import { CreateUserModal } from './create-user-modal';

/** Every account, and the creation of a new one. */
export function UsersPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const timeZone = useTimeZone();
  const users = useUsers();
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button onClick={open}>{t('admin.users.create')}</Button>
      </Group>
      <CreateUserModal opened={creating} onClose={close} />
      {users.isPending && <PageLoader />}
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" captionSide="top" data-testid="users-table">
            <Table.Caption>{t('admin.users.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.users.email')}</Table.Th>
                <Table.Th>{t('admin.users.name')}</Table.Th>
                <Table.Th>{t('admin.users.role')}</Table.Th>
                <Table.Th>{t('admin.users.client')}</Table.Th>
                <Table.Th>{t('admin.users.language')}</Table.Th>
                <Table.Th>{t('admin.users.createdAt')}</Table.Th>
                <Table.Th>{t('admin.users.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{user.name || t('common.none')}</Table.Td>
                  <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                  <Table.Td>{user.clientId ?? t('common.none')}</Table.Td>
                  <Table.Td>{user.language.toUpperCase()}</Table.Td>
                  <Table.Td>{formatDateTime(user.createdAt, language, timeZone)}</Table.Td>
                  <Table.Td>
                    {user.disabledAt === null ? (
                      <Badge color="green" variant="light">
                        {t('admin.users.enabled')}
                      </Badge>
                    ) : (
                      <Badge color="gray">{t('admin.users.disabled')}</Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
