-- Headless Neovim as an emotics lsp client: opens the file given on the command line,
-- waits for the server's diagnostics and writes them to $EMOTICS_NVIM_OUT as
-- `line:col:end_line:end_col:message` (0-based, byte columns as Neovim keeps them), then
-- quits with an error status if none came. Written for Neovim 0.7 (Debian's), whose API
-- (vim.lsp.start_client) later versions still have.
local out = assert(os.getenv('EMOTICS_NVIM_OUT'), 'EMOTICS_NVIM_OUT')
local bin = os.getenv('EMOTICS_BIN') or 'emotics'

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local buffer = vim.api.nvim_get_current_buf()
    local client = vim.lsp.start_client({ name = 'emotics', cmd = { bin, 'lsp' }, root_dir = vim.fn.getcwd() })
    vim.lsp.buf_attach_client(buffer, client)
    local received = vim.wait(20000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
    local lines = {}
    for _, d in ipairs(vim.diagnostic.get(buffer)) do
      local message = d.message:gsub('\n', ' ')
      table.insert(lines, string.format('%d:%d:%d:%d:%s', d.lnum, d.col, d.end_lnum, d.end_col, message))
    end
    vim.fn.writefile(lines, out)
    vim.cmd(received and 'qall!' or 'cquit!')
  end,
})
